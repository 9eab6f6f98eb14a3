import type { Queryable } from "../db/transaction.ts";
import { AppError } from "../lib/errors.ts";
import { loadTeamsWithCalendars, type TeamWithCalendar } from "./repository.ts";

// Teams and their business calendars change rarely and every SLA computation needs one: keep them for a
// minute per process, and reload at once when a team is missing (a team created since).
const TTL_MS = 60_000;

let cache: { loadedAt: number; teams: Map<string, TeamWithCalendar> } | null = null;

async function teams(db: Queryable, forceReload: boolean): Promise<Map<string, TeamWithCalendar>> {
  if (cache === null || forceReload || Date.now() - cache.loadedAt > TTL_MS) {
    const rows = await loadTeamsWithCalendars(db);
    cache = { loadedAt: Date.now(), teams: new Map(rows.map((team) => [team.id, team])) };
  }
  return cache.teams;
}

export async function teamById(db: Queryable, teamId: string): Promise<TeamWithCalendar> {
  const team = (await teams(db, false)).get(teamId) ?? (await teams(db, true)).get(teamId);
  if (team === undefined)
    throw new AppError("INTERNAL", "Unknown team.", { logMessage: `Team ${teamId} not found` });
  return team;
}

export async function teamByKey(db: Queryable, key: string): Promise<TeamWithCalendar> {
  const find = (map: Map<string, TeamWithCalendar>) => [...map.values()].find((team) => team.key === key);
  const team = find(await teams(db, false)) ?? find(await teams(db, true));
  if (team === undefined) {
    throw new AppError("UNPROCESSABLE", `No team handles this category (team "${key}" does not exist).`);
  }
  return team;
}

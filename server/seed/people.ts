import type { ClientBase } from "pg";
import { hashPassword, sha256Hex } from "../auth/hash.ts";
import type { TicketCategory } from "../db/generated/enums.ts";
import { DEMO_ACCOUNTS, DEMO_API_CLIENT } from "./demo-accounts.ts";
import { GIVEN_NAMES, SURNAMES } from "./names.ts";
import { DAY_MS, HOUR_MS, type Rng } from "./random.ts";
import {
  BUSINESS_CALENDAR,
  JAPANESE_HOLIDAYS,
  SHIFT_WORK_DAYS,
  SHIFTS,
  TEAMS,
  type TeamKey,
} from "./reference.ts";
import { insertRows, type Row } from "./sql.ts";
import { encryptNullable } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";

const AGENT_PASSWORD = "agent-demo-pass";

export interface Agent {
  id: string;
  teamKey: TeamKey;
  skills: readonly TicketCategory[];
  languages: readonly string[];
  capacity: number;
}

export interface People {
  teamIds: Record<TeamKey, string>;
  agents: readonly Agent[];
  /** Demo user ids by role: support_agent, risk_manager, city_manager, admin. */
  demoIds: Record<string, string>;
}

async function hashDistinct(passwords: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(passwords)];
  const hashes = await Promise.all(distinct.map((password) => hashPassword(password)));
  return new Map(distinct.map((password, i) => [password, hashes[i] as string]));
}

function agentNames(rng: Rng, count: number): string[][] {
  const all = SURNAMES.flatMap(([surname]) => GIVEN_NAMES.map(([given]) => [given, surname]));
  return rng.shuffle(all).slice(0, count);
}

export async function seedPeople(db: ClientBase, rng: Rng, now: Date): Promise<People> {
  const since = new Date(now.getTime() - 180 * DAY_MS);
  const calendarId = rng.uuid7(since);
  await insertRows(db, "BusinessCalendar", [{ id: calendarId, ...BUSINESS_CALENDAR }]);
  await insertRows(
    db,
    "Holiday",
    JAPANESE_HOLIDAYS.map(([date, name]) => ({ calendarId, date, name })),
  );

  const teamIds = {} as Record<TeamKey, string>;
  const teamRows: Row[] = TEAMS.map((team) => {
    teamIds[team.key] = rng.uuid7(since);
    return {
      id: teamIds[team.key],
      key: team.key,
      name: team.name,
      nameJa: team.nameJa,
      calendarId,
      createdAt: since,
    };
  });
  await insertRows(db, "Team", teamRows);

  const hashes = await hashDistinct([...DEMO_ACCOUNTS.map((a) => a.password), AGENT_PASSWORD]);
  const userRows: Row[] = [];
  const profileRows: Row[] = [];
  const agents: Agent[] = [];
  const demoIds: Record<string, string> = {};
  const consumerSkills = TEAMS.find((t) => t.key === "consumer")?.categories ?? [];

  DEMO_ACCOUNTS.forEach((account, i) => {
    const id = rng.uuid7(new Date(since.getTime() + i * HOUR_MS));
    const role = account.roles[0] ?? "support_agent";
    demoIds[role] = id;
    const isAgent = account.roles.includes("support_agent");
    userRows.push({
      id,
      email: account.email,
      name: account.name,
      passwordHash: hashes.get(account.password),
      roles: account.roles,
      permissions: account.permissions,
      totpSecret: encryptNullable(piiKeyring(), account.totpSecret),
      totpEnabledAt: account.totpSecret ? since : null,
      locale: "en",
      teamId: isAgent ? teamIds.consumer : null,
      createdAt: since,
      updatedAt: since,
    });
    if (isAgent) {
      // Wide shift so the demo agent receives work whenever the console is demonstrated.
      profileRows.push({
        userId: id,
        skills: consumerSkills,
        languages: ["ja", "en"],
        capacity: 12,
        shiftStartMin: 8 * 60,
        shiftEndMin: 23 * 60,
        workDays: [1, 2, 3, 4, 5, 6, 7],
      });
      agents.push({ id, teamKey: "consumer", skills: consumerSkills, languages: ["ja", "en"], capacity: 12 });
    }
  });

  const names = agentNames(
    rng,
    TEAMS.reduce((sum, t) => sum + t.agentCount, 0),
  );
  const leads = {} as Record<TeamKey, string>;
  let n = 0;
  for (const team of TEAMS) {
    for (let k = 0; k < team.agentCount; k++) {
      const [given, surname] = names[n] as [string, string];
      const createdAt = new Date(since.getTime() + (n + 10) * DAY_MS);
      const id = rng.uuid7(createdAt);
      n += 1;
      if (k === 0) leads[team.key] = id;
      // Leads cover the whole team; others get a fitting subset of the team's categories.
      const skills = k === 0 ? team.categories : team.categories.filter((_, i) => i === 0 || rng.chance(0.7));
      const languages = rng.chance(0.4) ? ["ja", "en"] : ["ja"];
      const capacity = rng.int(8, 20);
      const [shiftStartMin, shiftEndMin] = rng.pick(SHIFTS);
      userRows.push({
        id,
        email: `${given.toLowerCase()}.${surname.toLowerCase()}@demo.ops`,
        name: `${given} ${surname}`,
        passwordHash: hashes.get(AGENT_PASSWORD),
        roles: ["support_agent"],
        permissions: [],
        locale: "ja",
        teamId: teamIds[team.key],
        createdAt,
        updatedAt: createdAt,
      });
      profileRows.push({
        userId: id,
        skills,
        languages,
        capacity,
        shiftStartMin,
        shiftEndMin,
        workDays: rng.pick(SHIFT_WORK_DAYS),
      });
      agents.push({ id, teamKey: team.key, skills, languages, capacity });
    }
  }
  await insertRows(db, "User", userRows);
  await insertRows(db, "AgentProfile", profileRows);
  await db.query(
    `UPDATE "Team" t SET "leadId" = l.value::uuid FROM json_each_text($1::json) l WHERE t.key = l.key`,
    [JSON.stringify(leads)],
  );

  await insertRows(db, "ApiClient", [
    {
      id: rng.uuid7(since),
      clientId: DEMO_API_CLIENT.clientId,
      name: DEMO_API_CLIENT.name,
      secretHash: sha256Hex(DEMO_API_CLIENT.clientSecret),
      scopes: DEMO_API_CLIENT.scopes,
      createdAt: since,
    },
  ]);
  return { teamIds, agents, demoIds };
}

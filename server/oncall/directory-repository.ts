import type { JsonValue } from "../db/json.ts";
import type { Queryable } from "../db/transaction.ts";

// Who the targets of a level are: people by role, a team's lead, and each responder's hours and channels.
// Users and teams are the console's shared directory; this reads their ids only.

export async function activeUsersWithRole(db: Queryable, role: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE ${role}::"Role" = ANY(roles) AND "disabledAt" IS NULL ORDER BY id`;
  return rows.map((row) => row.id);
}

/** Of these ids, the users that exist and are not deactivated. */
export async function activeUserIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE id = ANY(${[...ids]}::uuid[]) AND "disabledAt" IS NULL`;
  return new Set(rows.map((row) => row.id));
}

export async function teamLeadId(db: Queryable, teamId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ leadId: string | null }[]>`
    SELECT "leadId" FROM "Team" WHERE id = ${teamId}::uuid`;
  return rows[0]?.leadId ?? null;
}

export interface PreferenceRow {
  userId: string;
  timezone: string;
  workDays: number[];
  workStartMin: number;
  workEndMin: number;
  quietStartMin: number | null;
  quietEndMin: number | null;
  channels: JsonValue;
}

export async function preferencesOf(db: Queryable, userIds: readonly string[]): Promise<PreferenceRow[]> {
  if (userIds.length === 0) return [];
  return db.oncallPreference.findMany({ where: { userId: { in: [...userIds] } } });
}

export async function savePreference(
  db: Queryable,
  row: Omit<PreferenceRow, "channels"> & { channels: object },
) {
  const { userId, ...fields } = row;
  await db.oncallPreference.upsert({
    where: { userId },
    create: { userId, ...fields },
    update: fields,
  });
}

export async function userNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM "User" WHERE id = ANY(${[...ids]}::uuid[])`;
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface PersonOption {
  userId: string;
  name: string;
  email: string;
}

/** Active people whose name or e-mail holds `search` (case-insensitive), plus the ids asked for by name. */
export function searchPeople(
  db: Queryable,
  search: string,
  ids: readonly string[],
  limit: number,
): Promise<PersonOption[]> {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.$queryRaw<PersonOption[]>`
    SELECT id::text AS "userId", name, email FROM "User"
     WHERE "disabledAt" IS NULL
       AND (id = ANY(${[...ids]}::uuid[]) OR (${search} <> '' AND (name ILIKE ${pattern} OR email ILIKE ${pattern})))
     ORDER BY name, id
     LIMIT ${limit}`;
}

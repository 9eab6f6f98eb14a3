import type { Queryable } from "../db/transaction.ts";

// Readable names for the keys reports group by (team, agent and city ids). Read-only lookups of reference data.

export async function teamLabels(db: Queryable, locale: "en" | "ja"): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ id: string; name: string; nameJa: string }[]>`
    SELECT id::text AS id, name, "nameJa" FROM "Team"`;
  return new Map(rows.map((row) => [row.id, locale === "ja" ? row.nameJa : row.name]));
}

export async function userLabels(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT id::text AS id, name FROM "User" WHERE id = ANY(${ids as string[]}::uuid[])`;
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function cityLabels(db: Queryable, locale: "en" | "ja"): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ id: string; code: string; name: string; nameJa: string }[]>`
    SELECT id::text AS id, code, name, "nameJa" FROM "City"`;
  return new Map(rows.map((row) => [row.id, `${row.code} · ${locale === "ja" ? row.nameJa : row.name}`]));
}

import type { ClientBase } from "pg";

// A row as JSON: keys are column names exactly as in the schema; Dates become ISO strings.
export type Row = Record<string, unknown>;

const CHUNK_ROWS = 5000;

export function dateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/**
 * Set-based insert: each chunk is one statement that expands a JSON array into rows of the
 * table's own type, so arrays, enums, JSON and timestamps convert on the server side.
 * Columns come from the first row; columns left out keep their defaults.
 */
export async function insertRows(db: ClientBase, table: string, rows: readonly Row[]): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first)
    .map((name) => `"${name}"`)
    .join(", ");
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await db.query(
      `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
      [JSON.stringify(chunk)],
    );
  }
  return rows.length;
}

import type { Tx } from "../db/transaction.ts";
import { raw } from "../db/sql.ts";
import type { ArchivedTable } from "./families.ts";

// Restoring archived rows: PostgreSQL reads each JSON line back into the table's row type, so every column
// returns with its own type. Triggers and foreign-key checks are off for the restoring transaction
// (session_replication_role = replica, which needs a superuser or a role granted that setting): a scratch
// database holds none of the teams, users or cities the rows point at, and the search and count triggers would
// otherwise rebuild rows the archive already holds.

export async function restoreWithoutTriggers(tx: Tx): Promise<void> {
  await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
}

/** Inserts rows given as JSON lines; rows already there (a repeated restore) are left alone. Returns rows added. */
export async function insertJsonRows(
  tx: Tx,
  table: ArchivedTable,
  lines: readonly string[],
): Promise<number> {
  const name = raw(`"${table}"`);
  return tx.$executeRaw`
    INSERT INTO ${name} SELECT * FROM json_populate_recordset(NULL::${name}, ${`[${lines.join(",")}]`}::json)
    ON CONFLICT DO NOTHING`;
}

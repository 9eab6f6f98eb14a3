import type { ClientBase } from "pg";
import { activeEmailIndex, decryptPii, encryptPii, type PiiKeyring } from "../lib/pii-cipher.ts";

// `npm run pii:reencrypt`: every personal value not yet under the active key (an older key, or plaintext written
// before encryption) is decrypted and encrypted again under it, with the email blind index recomputed. Batches
// commit one by one, and a rewritten row no longer matches the search, so an interrupted run just starts again.

interface PiiColumns {
  table: string;
  keys: readonly string[];
  columns: readonly string[];
  /** The column holding the blind index of this (encrypted) email column. */
  emailIndex?: { email: string; index: string };
}

const PII_COLUMNS: readonly PiiColumns[] = [
  {
    table: "Ticket",
    keys: ["id"],
    columns: ["requesterName", "requesterEmail"],
    emailIndex: { email: "requesterEmail", index: "requesterEmailIndex" },
  },
  {
    table: "RiskSubjectProfile",
    keys: ["subjectType", "subjectId"],
    columns: ["displayName", "email", "phone", "cardLast4", "address"],
  },
  { table: "User", keys: ["id"], columns: ["totpSecret", "totpPendingSecret"] },
];

const BATCH = 500;
const quote = (name: string) => `"${name}"`;

export async function reencryptPii(db: ClientBase, keyring: PiiKeyring): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const spec of PII_COLUMNS) counts[spec.table] = await reencryptTable(db, keyring, spec);
  return counts;
}

async function reencryptTable(db: ClientBase, keyring: PiiKeyring, spec: PiiColumns): Promise<number> {
  const current = `pii1:${keyring.activeKeyId}:%`;
  const stale = spec.columns.map((c) => `(${quote(c)} IS NOT NULL AND ${quote(c)} NOT LIKE $1)`).join(" OR ");
  const select = `SELECT ${[...spec.keys, ...spec.columns].map(quote).join(", ")} FROM ${quote(spec.table)}
    WHERE ${stale} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
  const assignments = [...spec.columns, ...(spec.emailIndex ? [spec.emailIndex.index] : [])];
  const update = `UPDATE ${quote(spec.table)} SET ${assignments.map((c, i) => `${quote(c)} = $${i + 1}`).join(", ")}
    WHERE ${spec.keys.map((k, i) => `${quote(k)}::text = $${assignments.length + i + 1}`).join(" AND ")}`;
  let total = 0;
  for (;;) {
    await db.query("BEGIN");
    try {
      const { rows } = await db.query<Record<string, string | null>>(select, [current]);
      for (const row of rows) {
        const plain = spec.columns.map((c) => (row[c] == null ? null : decryptPii(keyring, row[c])));
        const values = plain.map((v) => (v === null ? null : encryptPii(keyring, v)));
        if (spec.emailIndex) {
          const email = plain[spec.columns.indexOf(spec.emailIndex.email)] ?? null;
          values.push(activeEmailIndex(keyring, email));
        }
        await db.query(update, [...values, ...spec.keys.map((k) => row[k])]);
      }
      await db.query("COMMIT");
      total += rows.length;
      if (rows.length < BATCH) return total;
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
  }
}

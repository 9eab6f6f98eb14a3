import type { Queryable } from "../db/transaction.ts";
import { readChainHead, readPeriodPage } from "./chain-repository.ts";

const PAGE = 5_000;

/**
 * The audit log of a period as JSON lines for a central audit platform: one line per entry (seq order, with
 * its prevHash and hash), then one line with the chain head at export time. Kept outside the database, that
 * head is an anchor for `npm run audit:verify -- --anchor <seq>:<hash>`.
 */
export async function exportAuditPeriod(
  db: Queryable,
  period: { from: Date; to: Date },
  write: (line: string) => Promise<void> | void,
): Promise<{ entries: number; head: { seq: string; hash: string } | null }> {
  // The head first, so every exported entry is covered by it even while new ones arrive.
  const head = await readChainHead(db);
  let entries = 0;
  let after = 0n;
  for (;;) {
    const page = await readPeriodPage(db, period, after, PAGE);
    for (const entry of page) {
      if (head && BigInt(entry.seq) > BigInt(head.seq)) continue;
      await write(JSON.stringify({ ...entry, details: JSON.parse(entry.details) as unknown }));
      entries += 1;
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = BigInt(last.seq);
  }
  await write(
    JSON.stringify({
      chainHead: head,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      entries,
      exportedAt: new Date().toISOString(),
    }),
  );
  return { entries, head };
}

import type { Queryable } from "../db/transaction.ts";
import { ChainVerifier, checkAnchor, type ChainProblem } from "./chain.ts";
import { readChainHead, readChainPage, readEntryHash } from "./chain-repository.ts";

const PAGE = 5_000;

export interface ChainReport {
  entries: number;
  head: { seq: string; hash: string } | null;
  problems: ChainProblem[];
}

/**
 * Recomputes the whole chain from the first entry and checks the head row, plus any anchors kept outside the
 * database (chain heads of earlier exports): an anchor catches even a chain rewritten end to end.
 */
export async function verifyAuditChain(
  db: Queryable,
  anchors: readonly { seq: string; hash: string }[] = [],
): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  let after = 0n;
  for (;;) {
    const page = await readChainPage(db, after, PAGE);
    for (const entry of page) verifier.check(entry);
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = BigInt(last.seq);
  }
  const head = await readChainHead(db);
  verifier.checkHead(head);
  for (const anchor of anchors) {
    const problem = checkAnchor(anchor, await readEntryHash(db, BigInt(anchor.seq)));
    if (problem) verifier.problems.push(problem);
  }
  return { entries: verifier.entries, head, problems: verifier.problems };
}

import { createHash } from "node:crypto";

// The audit hash chain, recomputed outside the database: verification does not trust the database's own
// function (a superuser could replace it). The inputs are the texts PostgreSQL renders for the stored values
// (details as jsonb text, the time as to_char …US), so both sides hash the same bytes.

export const GENESIS_HASH = "0".repeat(64);

/** One entry as chain-repository.ts reads it: every hashed field as text, and the stored links. */
export interface ChainedEntry {
  seq: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  eventId: string | null;
  correlationId: string;
  details: string;
  prevHash: string;
  hash: string;
}

/** Byte length, ':', the text ('-:' for null): no two different entries give the same input. */
function field(value: string | null): string {
  return value === null ? "-:" : `${Buffer.byteLength(value, "utf8")}:${value}`;
}

/** The same as the database's audit_log_entry_hash (migration 20261206105713). */
export function entryHash(prevHash: string, entry: Omit<ChainedEntry, "prevHash" | "hash">): string {
  const input = [
    prevHash,
    entry.seq,
    entry.occurredAt,
    entry.actorType,
    entry.actorId,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.eventId,
    entry.correlationId,
    entry.details,
  ]
    .map(field)
    .join("");
  return createHash("sha256").update(`audit-v1${input}`, "utf8").digest("hex");
}

export interface ChainProblem {
  seq: string;
  problem: "changed" | "broken_link" | "head_mismatch" | "anchor_mismatch";
  detail: string;
}

/**
 * Walks entries in seq order, page after page. A changed entry fails its own hash; a removed or inserted one
 * breaks the link of the entry after it (its prevHash no longer names its predecessor). The walk goes on from
 * each stored hash, so one tampered entry is reported once, not for every entry after it.
 */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private lastSeq: string | null = null;
  readonly problems: ChainProblem[] = [];
  entries = 0;

  check(entry: ChainedEntry): void {
    this.entries += 1;
    if (entry.prevHash !== this.expectedPrev) {
      this.problems.push({
        seq: entry.seq,
        problem: "broken_link",
        detail: `prevHash does not name the entry before it (${this.lastSeq ?? "none"}): an entry was removed or inserted here`,
      });
    }
    if (entryHash(entry.prevHash, entry) !== entry.hash) {
      this.problems.push({ seq: entry.seq, problem: "changed", detail: "the entry does not match its hash" });
    }
    this.expectedPrev = entry.hash;
    this.lastSeq = entry.seq;
  }

  /** The head row must name the last entry: otherwise entries were removed from the end. */
  checkHead(head: { seq: string; hash: string } | null): void {
    const last = { seq: this.lastSeq ?? "0", hash: this.lastSeq ? this.expectedPrev : GENESIS_HASH };
    if (!head || head.seq !== last.seq || head.hash !== last.hash) {
      this.problems.push({
        seq: head?.seq ?? "none",
        problem: "head_mismatch",
        detail: `the chain head (${head ? `seq ${head.seq}` : "missing"}) is not the last entry (seq ${last.seq}): entries were removed from the end or the head was changed`,
      });
    }
  }
}

/** An anchor kept outside the database (an export's chain head): that entry must still carry that hash. */
export function checkAnchor(
  anchor: { seq: string; hash: string },
  found: { hash: string } | null,
): ChainProblem | null {
  if (found?.hash === anchor.hash) return null;
  return {
    seq: anchor.seq,
    problem: "anchor_mismatch",
    detail: found
      ? "the entry no longer carries the anchored hash: the chain was rewritten up to here"
      : "the anchored entry is gone",
  };
}

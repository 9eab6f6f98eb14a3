import { AppError } from "../lib/errors.ts";
import { groupBy } from "../lib/group-by.ts";
import type { SignalInput } from "./contract.ts";
import { caseKey, dedupeDecision } from "./dedupe.ts";
import type { OpenCaseRow } from "./repository.ts";

// How a batch of signals maps onto cases: repeats inside the batch, groups per dedupe key, and which signals
// join the open case and which open a new one.

export interface Item {
  index: number;
  signal: SignalInput;
}

/** One case the batch touches: an open case it joins, or a case it opens (`existing` null). */
export interface CaseWork {
  key: string;
  existing: OpenCaseRow | null;
  items: Item[];
}

export interface Batch {
  groups: Map<string, Item[]>;
  /** Index of a repeated signal → index of its first occurrence in the batch. */
  repeats: Map<number, number>;
}

/** Validates what a schema cannot see (repeats inside the batch); groups the rest by dedupe key. */
export function planBatch(signals: readonly SignalInput[]): Batch {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  const firsts: Item[] = [];
  signals.forEach((signal, index) => {
    const earlier = first.get(signal.sourceEventId);
    if (earlier !== undefined) {
      const other = signals[earlier];
      if (other && caseKey(other) !== caseKey(signal)) {
        throw new AppError(
          "BAD_REQUEST",
          `signals.${index}.sourceEventId: repeats signals.${earlier} for another subject or type.`,
          {
            details: { field: `signals.${index}.sourceEventId` },
          },
        );
      }
      repeats.set(index, earlier);
      return;
    }
    first.set(signal.sourceEventId, index);
    firsts.push({ index, signal });
  });
  const groups = groupBy(firsts, ({ signal }) => caseKey(signal));
  for (const items of groups.values())
    items.sort((a, b) => a.signal.observedAt.getTime() - b.signal.observedAt.getTime());
  // Locks are taken in key order, so two batches touching the same subjects cannot deadlock.
  return { groups: new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), repeats };
}

export interface GroupPlan {
  works: CaseWork[];
  /** The open case whose window ran out: it keeps its status but gives up the dedupe key. */
  released: string | null;
}

/** Splits a group's new signals between the open case (while its window lasts) and the case they open. */
export function planCases(key: string, open: OpenCaseRow | null, fresh: readonly Item[]): GroupPlan {
  const works: CaseWork[] = open ? [{ key, existing: open, items: [] }] : [];
  let released: string | null = null;
  let current = works[0] ?? null;
  for (const item of fresh) {
    // A case opened by this batch keeps collecting the batch's signals: its window starts now.
    const decision = current?.existing
      ? dedupeDecision(current.existing, item.signal)
      : current
        ? "join"
        : "open";
    if (decision === "join" && current) {
      current.items.push(item);
      continue;
    }
    if (decision === "open_after_window" && current?.existing) released = current.existing.id;
    current = { key, existing: null, items: [item] };
    works.push(current);
  }
  return { works: works.filter((work) => work.items.length > 0), released };
}

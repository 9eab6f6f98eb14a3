import { drainWorkList, handleEach, type DrainSettings } from "../../backbone/runner.ts";
import { LEASE_MS } from "../../backbone/retry-policy.ts";
import type { Db } from "../../db/client.ts";
import { withOrderedScans } from "../../db/ordered-scans.ts";
import { recordEvents } from "../../events/record.ts";
import { tracingEnabled } from "../../lib/telemetry/spans.ts";
import { normalise } from "../mapping/normalise.ts";
import type { NormalisedEvent } from "../mapping/normalised.ts";
import type { ClaimedInbound } from "../processing-repository.ts";
import { route } from "../routes/table.ts";
import { loadFactsOfBatch } from "./batch-facts.ts";
import { performBatchEffects } from "./batch-effects.ts";
import { markRowsProcessed, saveNormalisedRows } from "./batch-repository.ts";
import { contextFor, inboxWorkList, observe, outcomeOf } from "./inbox-work-list.ts";

// The inbox drained a claimed batch at a time. A claim never holds two events of one ordering key, and a key's
// next event is claimable only once this one is no longer pending, so a batch keeps per-order order as the
// per-event path does. The batch is normalised, counted, routed and its effects made with a statement per kind
// (batch-effects.ts), and its outcomes stored in one transaction. An event the batch could not finish (a
// mapping error, a failed group) goes the per-event way (inbox-work-list.ts) at once: that path classifies the
// failure, retries with backoff or dead-letters, and its effects, idempotent on the event, count once.

/** Events claimed at once by the app's worker. */
export const INBOX_BATCH = 500;

interface Mapped {
  item: ClaimedInbound;
  event: NormalisedEvent;
}

function mapAll(items: readonly ClaimedInbound[], alone: ClaimedInbound[]): Mapped[] {
  return items.flatMap((item) => {
    try {
      return [{ item, event: normalise(item, item.mappingVersion) }];
    } catch {
      alone.push(item);
      return [];
    }
  });
}

/** Processes what it can of the batch; answers the events left for the per-event path. */
async function processBatch(db: Db, items: readonly ClaimedInbound[], settings: DrainSettings) {
  const alone: ClaimedInbound[] = [];
  const mapped = mapAll(items, alone);
  await saveNormalisedRows(
    db,
    mapped.map(({ item, event }) => ({
      seq: item.seq,
      normalised: event,
      occurredAt: event.occurredAt,
      cityCode: event.cityCode,
    })),
  );
  const facts = await loadFactsOfBatch(
    db,
    mapped.map((m) => m.event),
  );
  const decided = mapped.map(({ item, event }, index) => ({ item, decision: route(event, facts[index]!) }));
  const produced = await performBatchEffects(
    db,
    decided.map(({ item, decision }) => ({ context: contextFor(item), effects: decision.effects })),
    (kind, err) =>
      settings.log.warn({ kind, err }, "inbox batch: a group of effects failed; its events go one by one"),
  );
  const outcomes = decided.flatMap(({ item, decision }, index) => {
    const made = produced[index];
    if (made === null || made === undefined) {
      alone.push(item);
      return [];
    }
    return [{ item, outcome: outcomeOf(item, decision, made) }];
  });
  await withOrderedScans(db, async (tx) => {
    const pending = await markRowsProcessed(
      tx,
      outcomes.map(({ item, outcome }) => ({
        seq: item.seq,
        status: outcome.status,
        decision: outcome.decision,
      })),
    );
    // A row another worker finished after this one's lease lapsed keeps that worker's record and events.
    for (const { item, outcome } of outcomes) {
      if (pending.has(item.seq)) await recordEvents(tx, contextFor(item), outcome.events);
    }
  });
  for (const { item, outcome } of outcomes) observe(item, outcome.status);
  return alone;
}

/**
 * Handles the inbox's due events until none is due; returns how many it handled. `concurrency` is the batch size.
 * With tracing on, events go one by one, so each event's span continues the trace it came in with.
 */
export async function drainInbox(db: Db, settings: DrainSettings): Promise<number> {
  const list = inboxWorkList(db);
  if (tracingEnabled()) return drainWorkList(list, settings);
  const size = settings.concurrency ?? INBOX_BATCH;
  let handled = 0;
  for (;;) {
    const items = await list.claim(size, settings.leaseMs ?? LEASE_MS);
    if (items.length === 0) return handled;
    handled += items.length;
    let alone: ClaimedInbound[];
    try {
      alone = await processBatch(db, items, settings);
    } catch (err) {
      settings.log.warn({ err, events: items.length }, "inbox batch failed; its events go one by one");
      alone = [...items];
    }
    if (alone.length > 0) await handleEach(list, alone, settings);
  }
}

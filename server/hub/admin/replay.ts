import type { Db } from "../../db/client.ts";
import { withTransaction } from "../../db/transaction.ts";
import { recordEvents } from "../../events/record.ts";
import { AppError } from "../../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../../lib/service-context.ts";
import {
  REPLAY_ROWS_PER_MINUTE,
  type DryRunResult,
  type ReplayInput,
  type ReplayResult,
} from "./contract.ts";
import { planReplay } from "./plan.ts";
import { findReplayableRows, replayedSince } from "./queries.ts";
import { lockReplayQuota, requeue } from "./replay-repository.ts";

// Replaying dead or unrouted inbox rows: a dry run that shows what each would produce now, without writing, and
// the replay itself, which puts the rows back on the processing list. Each replayed row is an audited event.

export async function dryRunReplay(
  db: Db,
  context: ServiceContext,
  input: ReplayInput,
): Promise<DryRunResult> {
  requirePermission(context, "events:manage");
  const replayable = await findReplayableRows(db, input.receiptIds);
  const found = new Set(replayable.map((row) => row.receiptId));
  return {
    rows: await Promise.all(replayable.map((row) => planReplay(db, row))),
    skipped: input.receiptIds.filter((id) => !found.has(id)),
  };
}

/**
 * Rate-limited per actor: at most REPLAY_ROWS_PER_MINUTE rows a minute, counted from the actor's own
 * InboundEventReplayed events, so the limit holds across calls and instances with no counter of its own. The
 * window is wall-clock time because the event log stamps events with it.
 */
export async function replayEvents(
  db: Db,
  context: ServiceContext,
  input: ReplayInput,
): Promise<ReplayResult> {
  requirePermission(context, "events:manage");
  const actorId = context.actor.id;
  return withTransaction(db, async (tx) => {
    let remaining = Number.POSITIVE_INFINITY;
    if (actorId) {
      await lockReplayQuota(tx, actorId);
      remaining = REPLAY_ROWS_PER_MINUTE - (await replayedSince(tx, actorId, new Date(Date.now() - 60_000)));
      if (input.receiptIds.length > remaining) {
        throw new AppError(
          "TOO_MANY_REQUESTS",
          `At most ${REPLAY_ROWS_PER_MINUTE} events may be replayed a minute; ${Math.max(0, remaining)} remain now.`,
        );
      }
    }
    const requeued = await requeue(tx, input.receiptIds);
    await recordEvents(
      tx,
      context,
      requeued.map((row) => ({
        type: "InboundEventReplayed" as const,
        aggregateType: "inbound_event",
        aggregateId: row.receiptId,
        payload: {
          receiptId: row.receiptId,
          source: row.source,
          eventId: row.eventId,
          eventType: row.type,
          previousStatus: row.previousStatus,
          failureClass: row.failureClass,
          lastError: row.lastError,
          status: row.status,
        },
      })),
    );
    const done = new Set(requeued.map((row) => row.receiptId));
    return {
      replayed: requeued.length,
      skipped: input.receiptIds.filter((id) => !done.has(id)),
      remainingThisMinute: Number.isFinite(remaining) ? remaining - requeued.length : REPLAY_ROWS_PER_MINUTE,
    };
  });
}

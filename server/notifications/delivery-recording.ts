import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents, type DomainEventInput } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { saveResolved } from "./incident-keys.ts";
import { nextStepAfter } from "./delivery-policy.ts";
import {
  insertInApp,
  markDelivered,
  markFailed,
  type ClaimedDelivery,
  type DeliveredUpdate,
  type FailedUpdate,
} from "./outbox-repository.ts";
import type { Attempt } from "./sender.ts";

// A batch's outcomes in one transaction: the rows' new states, the in-app rows and closed PagerDuty alerts they
// bring, and the events people care about (delivered, failed) — all or nothing. One transaction per batch rather
// than per row keeps the audit chain's single writer lock from capping the delivery rate.

export interface SentRow {
  row: ClaimedDelivery;
  attempt: Attempt;
  channelName: string | null;
}

function eventOf(sent: SentRow, next: { dead: boolean; retryInMs: number | null } | null): DomainEventInput {
  const { row, attempt, channelName } = sent;
  const common = {
    deliveryId: row.id,
    objectType: row.objectType,
    objectId: row.objectId,
    escalationId: row.escalationId,
    step: row.step,
    action: row.action,
    channelKind: row.channelKind,
    channelName,
    recipientUserId: row.recipientUserId,
    attempts: row.attempts,
  };
  const { outcome } = attempt;
  if (outcome.kind === "delivered") {
    return {
      type: "NotificationDelivered",
      aggregateType: row.objectType,
      aggregateId: row.objectId,
      payload: { ...common, receipt: outcome.receipt },
    };
  }
  return {
    type: "NotificationFailed",
    aggregateType: row.objectType,
    aggregateId: row.objectId,
    payload: {
      ...common,
      error: outcome.error,
      dead: next?.dead ?? true,
      retryInMs: next?.retryInMs ?? null,
    },
  };
}

export async function recordAttempts(
  db: Db,
  context: ServiceContext,
  sent: readonly SentRow[],
  options: { maxAttempts?: number; random?: () => number } = {},
): Promise<{ delivered: number; retrying: number; dead: number }> {
  const delivered: DeliveredUpdate[] = [];
  const failed: FailedUpdate[] = [];
  const steps = new Map<string, { dead: boolean; retryInMs: number | null }>();
  for (const { row, attempt } of sent) {
    const { outcome } = attempt;
    if (outcome.kind === "delivered") {
      delivered.push({
        id: row.id,
        attempts: row.attempts,
        receipt: outcome.receipt,
        response: outcome.response,
      });
      continue;
    }
    const next = nextStepAfter(outcome, row.attempts, options.random, options.maxAttempts);
    const retryInMs = next.kind === "retry" ? next.delayMs : null;
    steps.set(row.id, { dead: retryInMs === null, retryInMs });
    failed.push({
      id: row.id,
      attempts: row.attempts,
      error: outcome.error,
      response: outcome.response,
      retryInMs,
    });
  }
  return withTransaction(
    db,
    async (tx) => {
      const done = new Set([...(await markDelivered(tx, delivered)), ...(await markFailed(tx, failed))]);
      // A row whose lease lapsed and was taken again is the other worker's to record.
      const ours = sent.filter((item) => done.has(item.row.id));
      await insertInApp(
        tx,
        ours.flatMap((item) => (item.attempt.inApp ? [item.attempt.inApp] : [])),
      );
      for (const item of ours)
        if (item.attempt.resolved) await saveResolved(tx, item.attempt.resolved, context.clock.now());
      await recordEvents(
        tx,
        context,
        ours.map((item) => eventOf(item, steps.get(item.row.id) ?? null)),
      );
      const dead = [...steps.values()].filter((step) => step.dead).length;
      return { delivered: delivered.length, retrying: failed.length - dead, dead };
    },
    { preset: "batch" },
  );
}

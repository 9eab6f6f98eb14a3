import type { WorkList } from "../../backbone/work-list.ts";
import type { Db } from "../../db/client.ts";
import { withOrderedScans } from "../../db/ordered-scans.ts";
import { withTransaction } from "../../db/transaction.ts";
import { recordEvent, recordEvents, type DomainEventInput } from "../../events/record.ts";
import { systemContext } from "../../lib/service-context.ts";
import {
  claimInbound,
  markInboundFailed,
  markProcessed,
  saveNormalised,
  type ClaimedInbound,
} from "../processing-repository.ts";
import { decide } from "./decide.ts";
import { classifyFailure, inPhase } from "./failure.ts";
import { inboxMetrics } from "./metrics.ts";
import { performEffects, type Produced } from "./perform.ts";
import type { RouteDecision } from "../routes/effects.ts";

// The inbox as a work list of the backbone's runner: each claimed event is normalised, routed, its effects made
// through the domains' services, and its outcome stored with the decision (which rule, why, what it produced).

export const INBOX_WORKER = "hub.inbox";

export interface InboxOutcome {
  status: "routed" | "unrouted";
  decision: { rule: string; why: string; mappingVersion: number; produced: Produced[] };
  /** Domain events the decision carries, recorded in the transaction that stores it. */
  events: DomainEventInput[];
}

/** The sender's receipt is the correlation id of everything the event causes. */
export const contextFor = (item: ClaimedInbound) =>
  systemContext(INBOX_WORKER, { correlationId: item.receiptId });

export const observe = (item: ClaimedInbound, outcome: string) =>
  inboxMetrics().processing.observe({ outcome }, (Date.now() - item.receivedAt.getTime()) / 1_000);

/** What is stored of a processed event: its status, the decision with what it produced, the events it carries. */
export function outcomeOf(item: ClaimedInbound, decision: RouteDecision, produced: Produced[]): InboxOutcome {
  const events = decision.effects.flatMap((effect): DomainEventInput[] =>
    effect.kind === "contract_change"
      ? [
          {
            type: "ContractChangeReceived",
            aggregateType: "contract",
            aggregateId: effect.payload.contract,
            payload: { ...effect.payload },
          },
        ]
      : [],
  );
  return {
    status: decision.effects.length > 0 ? "routed" : "unrouted",
    decision: { rule: decision.rule, why: decision.why, mappingVersion: item.mappingVersion, produced },
    events,
  };
}

async function processInbound(db: Db, item: ClaimedInbound): Promise<InboxOutcome> {
  const { decision } = await decide(db, item, item.mappingVersion, (normalised) =>
    saveNormalised(db, item.seq, {
      normalised,
      occurredAt: normalised.occurredAt,
      cityCode: normalised.cityCode,
    }),
  );
  const produced = await inPhase("downstream", () => performEffects(db, contextFor(item), decision.effects));
  return outcomeOf(item, decision, produced);
}

export function inboxWorkList(db: Db): WorkList<ClaimedInbound, InboxOutcome> {
  return {
    name: INBOX_WORKER,
    claim: (limit, leaseMs) => claimInbound(db, limit, leaseMs),
    handle: (item) => processInbound(db, item),
    async done(item, outcome) {
      await withOrderedScans(db, async (tx) => {
        // Not pending any more: another worker finished it after this one's lease lapsed; its record stands.
        if (!(await markProcessed(tx, item.seq, outcome.status, outcome.decision))) return;
        await recordEvents(tx, contextFor(item), outcome.events);
      });
      observe(item, outcome.status);
    },
    classify: classifyFailure,
    async failed(item, failure, next) {
      await withTransaction(db, async (tx) => {
        if (!(await markInboundFailed(tx, item.seq, failure, next)) || next !== "dead") return;
        await recordEvent(tx, contextFor(item), {
          type: "InboundEventDeadLettered",
          aggregateType: "inbound_event",
          aggregateId: item.receiptId,
          payload: {
            source: item.source,
            eventId: item.eventId,
            type: item.type,
            attempts: item.attempts,
            failureClass: failure.failureClass,
            error: failure.message.slice(0, 500),
          },
        });
      });
      if (next === "dead") observe(item, "dead");
    },
    describe: (item) => ({
      receipt: item.receiptId,
      source: item.source,
      event: item.eventId,
      type: item.type,
      attempts: item.attempts,
    }),
    span: (item) => ({
      name: `${INBOX_WORKER} process`,
      parent: item.traceparent,
      attributes: {
        "messaging.system": "ops-inbox",
        "messaging.operation.type": "process",
        "messaging.message.id": item.eventId,
        "ops.inbound.source": item.source,
        "ops.inbound.type": item.type,
        "ops.inbound.receipt": item.receiptId,
      },
    }),
  };
}

import type { InputJsonObject } from "../db/json.ts";
import type { Tx } from "../db/transaction.ts";
import { currentTraceparent, setSpanObjects } from "../lib/telemetry/spans.ts";
import type { EventContext, EventType } from "./types.ts";
import { SUBSCRIPTION_PAIRS } from "./subscriptions.ts";
import { uuid7 } from "./uuid7.ts";

export const EVENTS_CHANNEL = "ops_events";

export interface DomainEventInput {
  type: EventType;
  aggregateType: string;
  aggregateId: string;
  payload: InputJsonObject;
  /** Audit action name; defaults to the event type. */
  auditAction?: string;
  /** What the audit trail keeps (before/after, reasons); defaults to the payload. */
  auditDetails?: InputJsonObject;
  /** This event's own correlation id, when one batch records what several requests caused (default: the context's). */
  correlationId?: string;
  /** The event this one follows from, when one batch reacts to several events (default: the context's). */
  causationId?: string;
}

export interface RecordedEvent {
  id: string;
  seq: bigint;
}

/**
 * Records a domain event and its audit entry inside the caller's transaction, so they commit or roll back
 * together with the state change. NOTIFY is transactional too: listeners hear only committed events. The
 * event's deliveries to its subscribed consumers are written in the same statement, so a committed event is
 * never missed by a consumer and an uncommitted one never reaches it.
 */
export async function recordEvent(
  tx: Tx,
  context: EventContext,
  input: DomainEventInput,
): Promise<RecordedEvent> {
  const [event] = await recordEvents(tx, context, [input]);
  if (!event) throw new Error("recordEvents returned no row for one event");
  return event;
}

/**
 * Records many events as recordEvent does each one, in one statement: a batch of 500 events costs one round trip,
 * not 1,500. Events take their seq in input order; audit entries and notifications follow that order.
 * Returns the recorded events in input order.
 */
export async function recordEvents(
  tx: Tx,
  context: EventContext,
  inputs: readonly DomainEventInput[],
): Promise<RecordedEvent[]> {
  if (inputs.length === 0) return [];
  // Ids and time are made here, as Prisma's @default(uuid(7)) and now() would be for a create.
  const occurredAt = new Date();
  const ids = inputs.map(() => uuid7(occurredAt.getTime()));
  const types = inputs.map((input) => input.type);
  const aggregateTypes = inputs.map((input) => input.aggregateType);
  const aggregateIds = inputs.map((input) => input.aggregateId);
  // The payloads, and the audit details, each as one JSON array: as an array of jsonb values every quote of
  // every payload would be escaped by the driver and unescaped by PostgreSQL again.
  const payloads = JSON.stringify(inputs.map((input) => input.payload));
  // null where the audit entry keeps the event's own type and payload, so a batch sends each payload once.
  const auditActions = inputs.map((input) => input.auditAction ?? null);
  const auditDetails = JSON.stringify(inputs.map((input) => input.auditDetails ?? null));
  const correlationIds = inputs.map((input) => input.correlationId ?? context.correlationId);
  const causationIds = inputs.map((input) => input.causationId ?? context.causationId ?? null);
  const { actor } = context;
  // Consumers continue the recording span's trace; the span names the tickets, risk cases and alerts it changed.
  const traceparent = currentTraceparent();
  if (traceparent) setSpanObjects(inputs);
  // ORDER BY n hands out seq in input order. pg_notify is volatile, so Postgres calls it after the final sort:
  // notifications go out in seq order, as one recordEvent call after another would send them.
  const rows = await tx.$queryRaw<(RecordedEvent & { notified: string })[]>`
    WITH input AS (
      SELECT id, type, aggregate_type, aggregate_id, payload, audit_action,
             nullif(audit_details, 'null'::jsonb) AS audit_details, correlation_id, causation_id, n
        FROM ROWS FROM (unnest(${ids}::uuid[]), unnest(${types}::text[]), unnest(${aggregateTypes}::text[]),
                        unnest(${aggregateIds}::text[]), jsonb_array_elements(${payloads}::jsonb),
                        unnest(${auditActions}::text[]), jsonb_array_elements(${auditDetails}::jsonb),
                        unnest(${correlationIds}::text[]), unnest(${causationIds}::text[]))
             WITH ORDINALITY
             AS e(id, type, aggregate_type, aggregate_id, payload, audit_action, audit_details, correlation_id,
                  causation_id, n)
    ), event AS (
      INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "actorId",
                                 "correlationId", "causationId", "occurredAt", traceparent)
      SELECT id, type, aggregate_type, aggregate_id, payload, ${actor.type}, ${actor.id}, correlation_id,
             causation_id, ${occurredAt}::timestamp, ${traceparent}
        FROM input ORDER BY n
      RETURNING id, seq, type, "aggregateType", "aggregateId"
    ), delivery AS (
      INSERT INTO "EventDelivery" (consumer, "eventSeq", "eventId", "eventType", "aggregateKey")
      SELECT s.consumer, event.seq, event.id, event.type, event."aggregateType" || ':' || event."aggregateId"
        FROM event
        JOIN unnest(${SUBSCRIPTION_PAIRS.consumers}::text[], ${SUBSCRIPTION_PAIRS.types}::text[]) AS s(consumer, type)
          ON s.type = event.type
    ), audit AS (
      INSERT INTO "AuditLog" ("occurredAt", "actorType", "actorId", action, "entityType", "entityId", "eventId",
                              "correlationId", details)
      SELECT ${occurredAt}::timestamp, ${actor.type}, ${actor.id}, coalesce(audit_action, type), aggregate_type,
             aggregate_id, id, correlation_id, coalesce(audit_details, payload)
        FROM input ORDER BY n
    )
    SELECT id::text AS id, seq,
           pg_notify(${EVENTS_CHANNEL}::text, json_build_object('seq', seq::text, 'type', type,
                     'aggregateType', "aggregateType", 'aggregateId', "aggregateId")::text)::text AS notified
      FROM event ORDER BY seq`;
  return rows.map(({ id, seq }) => ({ id, seq }));
}

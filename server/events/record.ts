import type { Prisma } from "../db/generated/client.ts";
import type { EventContext, EventType } from "./types.ts";

export const EVENTS_CHANNEL = "ops_events";

export interface DomainEventInput {
  type: EventType;
  aggregateType: string;
  aggregateId: string;
  payload: Prisma.InputJsonObject;
  /** Audit action name; defaults to the event type. */
  auditAction?: string;
  /** What the audit trail keeps (before/after, reasons); defaults to the payload. */
  auditDetails?: Prisma.InputJsonObject;
}

export interface RecordedEvent {
  id: string;
  seq: bigint;
}

/**
 * Records a domain event and its audit entry inside the caller's transaction, so they commit or roll back
 * together with the state change. NOTIFY is transactional too: listeners hear only committed events.
 */
export async function recordEvent(
  tx: Prisma.TransactionClient,
  context: EventContext,
  input: DomainEventInput,
): Promise<RecordedEvent> {
  const event = await tx.domainEvent.create({
    data: {
      type: input.type,
      aggregateType: input.aggregateType,
      aggregateId: input.aggregateId,
      payload: input.payload,
      actorType: context.actor.type,
      actorId: context.actor.id,
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
    },
    select: { id: true, seq: true },
  });
  await tx.auditLog.create({
    data: {
      actorType: context.actor.type,
      actorId: context.actor.id,
      action: input.auditAction ?? input.type,
      entityType: input.aggregateType,
      entityId: input.aggregateId,
      eventId: event.id,
      correlationId: context.correlationId,
      details: input.auditDetails ?? input.payload,
    },
  });
  const notice = JSON.stringify({
    seq: event.seq.toString(),
    type: input.type,
    aggregateType: input.aggregateType,
    aggregateId: input.aggregateId,
  });
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${notice})`;
  return event;
}

import { z } from "zod";

// What audit.list accepts and returns: one page of the audit trail, newest first.

export const auditListInput = z.object({
  entityType: z.string().min(1).max(64).optional(),
  entityId: z.string().min(1).max(128).optional(),
  // null (an infinite query's first page) and undefined both mean "from the newest".
  cursor: z.string().regex(/^\d+$/, "cursor must be a sequence number").nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

const auditEntry = z.object({
  /** The entry's sequence number as a decimal string (a bigint in the database). */
  seq: z.string(),
  occurredAt: z.date(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  /** The acting user's name when the actor is a user who still exists. */
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  eventId: z.string().nullable(),
  correlationId: z.string(),
  /** What the entry recorded; its shape depends on the action. */
  details: z.unknown(),
});

export const auditPage = z.object({
  items: z.array(auditEntry),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

import { z } from "zod";
import { caseListItem, mitigationAction, personRef } from "./contract.ts";
import {
  RISK_CASE_STATUSES,
  RISK_LEVELS,
  RISK_RESOLUTIONS,
  RISK_SUBJECT_TYPES,
  RISK_TYPES,
} from "./types.ts";

// What the case screen reads: the case with its evidence, plan and tickets, its audit trail, the subject's profile
// and the list's filter options. tRPC only, so dates are Date objects.

// A ticket as the case screen shows it. Its status, priority and category are the tickets domain's words, shown
// as read: risk imports nothing of another domain.
const ticketSummary = z.object({
  id: z.uuid(),
  number: z.int(),
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  category: z.string(),
  orderRef: z.string().nullable(),
  createdAt: z.date(),
});

export const profileView = z.object({
  subjectType: z.enum(RISK_SUBJECT_TYPES),
  subjectId: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Display form, e.g. "•••• 1234" or "•••• ••••". */
  card: z.string().nullable(),
  address: z.string().nullable(),
  masked: z.boolean(),
});

export const caseDetail = caseListItem(z.date()).extend({
  resolution: z.enum(RISK_RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  closedAt: z.date().nullable(),
  updatedAt: z.date(),
  version: z.int(),
  city: z.object({ id: z.uuid(), name: z.string(), nameJa: z.string() }).nullable(),
  signals: z.array(
    z.object({
      id: z.uuid(),
      sourceEventId: z.string(),
      type: z.enum(RISK_TYPES),
      attributes: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
      observedAt: z.date(),
      receivedAt: z.date(),
    }),
  ),
  actions: z.array(mitigationAction(z.date())),
  linkedTickets: z.array(ticketSummary.extend({ linkedAt: z.date() })),
  relatedTickets: z.array(ticketSummary),
  /** Always masked; the unmasked profile comes only from the audited reveal. */
  profile: profileView.nullable(),
});
export type CaseDetail = z.output<typeof caseDetail>;

/** The case's entries of the append-only audit log, newest first. */
export const caseHistory = z.object({
  items: z.array(
    z.object({
      seq: z.string(),
      occurredAt: z.date(),
      actorType: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      eventId: z.string().nullable(),
      correlationId: z.string(),
      /** What the entry recorded; its shape depends on the action. */
      details: z.unknown(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const ticketIdInput = z.object({ ticketId: z.uuid() });

export const casesOfTicket = z.array(
  z.object({
    id: z.uuid(),
    number: z.int(),
    type: z.enum(RISK_TYPES),
    status: z.enum(RISK_CASE_STATUSES),
    level: z.enum(RISK_LEVELS),
    score: z.int(),
  }),
);

export const filterOptions = z.object({
  cities: z.array(z.object({ id: z.uuid(), name: z.string(), nameJa: z.string() })),
  owners: z.array(personRef),
});

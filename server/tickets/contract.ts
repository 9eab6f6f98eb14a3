import { z } from "zod";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "./types.ts";

// The ticket contract: zod schemas shared by the tRPC router, the REST routes and the OpenAPI document.
// Output schemas take the date type as a parameter: tRPC (superjson) carries Date, REST carries ISO strings.

export const ticketStatus = z.enum(TICKET_STATUSES);
export const ticketPriority = z.enum(TICKET_PRIORITIES);
export const ticketCategory = z.enum(TICKET_CATEGORIES);
const ticketSource = z.enum(["consumer", "restaurant", "courier", "internal"]);
const commentVisibility = z.enum(["internal", "public"]);

export const ticketId = z.uuid();
/** A city as every city endpoint names it: its three-letter code. */
export const cityCode = z.string().regex(/^[A-Z]{3}$/, "city must be a three-letter city code such as OSA");

// ── Queue ────────────────────────────────────────────────────────────────────

const assigneeFilter = z.union([z.enum(["me", "unassigned", "any"]), z.uuid()]);

/** What a saved view stores: the queue's filters without paging. */
export const queueFilter = z.object({
  status: z.array(ticketStatus).max(TICKET_STATUSES.length).optional(),
  priority: z.array(ticketPriority).max(TICKET_PRIORITIES.length).optional(),
  category: z.array(ticketCategory).max(TICKET_CATEGORIES.length).optional(),
  teamId: z.uuid().optional(),
  assignee: assigneeFilter.default("any"),
  /** The console filters by the city's id; integrations by its code (`city`). Name it one way or the other. */
  cityId: z.uuid().optional(),
  city: cityCode.optional(),
  /**
   * breached: a recorded or current breach; not_breached: neither; at_risk: ≥ 75 % of the nearest target used;
   * escalated: still active after the sweep escalated it (a breach, or waiting unassigned as its SLA neared), the
   * team lead's escalation queue.
   */
  sla: z.enum(["breached", "not_breached", "at_risk", "escalated"]).optional(),
  q: z.string().trim().min(2, "q needs at least 2 characters").max(200).optional(),
});
export type QueueFilter = z.infer<typeof queueFilter>;

export const MAX_PAGE_SIZE = 200;

export const queueInput = queueFilter.extend({
  /** null (the first page of an infinite query, as clients send it) reads like no cursor. */
  cursor: z
    .string()
    .max(200)
    .nullish()
    .transform((cursor) => cursor ?? undefined)
    .optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type QueueInput = z.infer<typeof queueInput>;

const named = z.object({ id: z.uuid(), name: z.string() });
const teamRef = z.object({ id: z.uuid(), key: z.string(), name: z.string(), nameJa: z.string() });
const cityRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameJa: z.string() });

function slaView<D extends z.ZodType>(date: D) {
  return z.object({
    firstResponseDueAt: date.nullable(),
    resolutionDueAt: date.nullable(),
    firstResponseBreached: z.boolean(),
    resolutionBreached: z.boolean(),
    /** Active clock time used of the nearest running target, in %; past 100 once breached. */
    percentElapsed: z.number(),
    paused: z.boolean(),
    atRisk: z.boolean(),
    /** When the nearest running target reaches 75 % (past or future), for live badges; null while paused or stopped. */
    atRiskAt: date.nullable(),
    /** Nearest open deadline (the queue's sort key); null once both targets stopped. */
    dueAt: date.nullable(),
  });
}

export function ticketSummary<D extends z.ZodType>(date: D) {
  return z.object({
    id: z.uuid(),
    number: z.number().int(),
    subject: z.string(),
    status: ticketStatus,
    priority: ticketPriority,
    category: ticketCategory,
    source: ticketSource,
    city: cityRef.nullable(),
    team: teamRef,
    assignee: named.nullable(),
    version: z.number().int(),
    /** Escalations so far (0: none), each one level up the team lead's escalation queue. */
    escalationLevel: z.number().int(),
    createdAt: date,
    updatedAt: date,
    sla: slaView(date),
  });
}

/** Exact counts of the whole filter, however many tickets it holds (server/tickets/queue-counts.ts). */
const queueSummary = z.object({
  total: z.number().int(),
  byStatus: z.record(ticketStatus, z.number().int()),
  breached: z.number().int(),
  /** Share of tickets in the filter without a recorded or current breach; null when there are none. */
  slaComplianceRate: z.number().nullable(),
});

export function queuePage<D extends z.ZodType>(date: D) {
  return z.object({
    items: z.array(ticketSummary(date)),
    nextCursor: z.string().nullable(),
    /** Counts for the whole filter, with the first page only (null when a cursor is given). */
    summary: queueSummary.nullable(),
  });
}

// ── Detail ───────────────────────────────────────────────────────────────────

export function ticketDetail<D extends z.ZodType>(date: D) {
  return ticketSummary(date).extend({
    description: z.string(),
    language: z.string(),
    externalId: z.string().nullable(),
    requesterName: z.string(),
    requesterEmail: z.string().nullable(),
    orderRef: z.string().nullable(),
    firstRespondedAt: date.nullable(),
    resolvedAt: date.nullable(),
    closedAt: date.nullable(),
    escalatedAt: date.nullable(),
    /** Statuses the ticket may move to now, for status menus. */
    nextStatuses: z.array(ticketStatus),
  });
}

const actor = z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() });

const timelineEntry = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("comment"),
    id: z.uuid(),
    at: z.date(),
    author: named.nullable(),
    visibility: commentVisibility,
    body: z.string(),
  }),
  z.object({
    kind: z.literal("event"),
    id: z.uuid(),
    at: z.date(),
    type: z.string(),
    actor,
    payload: z.record(z.string(), z.unknown()),
  }),
  z.object({
    kind: z.literal("assignment"),
    id: z.uuid(),
    at: z.date(),
    assignee: named.nullable(),
    decidedBy: z.string(),
    reason: z.unknown(),
  }),
]);
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const ticketWithTimeline = z.object({
  ticket: ticketDetail(z.date()),
  timeline: z.array(timelineEntry),
});

// ── Changes ──────────────────────────────────────────────────────────────────

export const ticketChange = z.object({
  status: ticketStatus.optional(),
  priority: ticketPriority.optional(),
  assigneeId: z.uuid().nullable().optional(),
  category: ticketCategory.optional(),
});
export type TicketChange = z.infer<typeof ticketChange>;

export const versioned = z.object({ id: ticketId, version: z.number().int().positive() });

export const updateInput = versioned.extend(ticketChange.shape);
export type UpdateInput = z.infer<typeof updateInput>;

export const commentBody = z.object({
  body: z.string().trim().min(1).max(10_000),
  visibility: commentVisibility,
});
export const commentInput = versioned.extend(commentBody.shape);
export type CommentInput = z.infer<typeof commentInput>;

/** What every ticket write comes down to: one change and an optional comment, in one transaction. */
export interface ChangeRequest {
  id: string;
  /** The version the caller saw; null applies the change to whatever version is current (bulk edits). */
  version: number | null;
  change: TicketChange;
  comment?: z.infer<typeof commentBody>;
}

const MAX_BULK = 500;

export const bulkUpdateInput = z.object({
  ids: z.array(ticketId).min(1).max(MAX_BULK),
  change: ticketChange.refine(
    (c) => Object.values(c).some((v) => v !== undefined),
    "change names nothing to change",
  ),
});

export const bulkUpdateResult = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});

// ── Saved views, filter options, presence ────────────────────────────────────

export const SAVED_VIEW_SCOPE = "tickets";

export const savedView = z.object({
  id: z.uuid(),
  name: z.string(),
  query: queueFilter,
  createdAt: z.date(),
});
export const saveViewInput = z.object({ name: z.string().trim().min(1).max(80), query: queueFilter });

export const filterOptions = z.object({
  teams: z.array(teamRef),
  /** Agents who take tickets, with their weighted load and capacity as of the request. */
  agents: z.array(
    named.extend({ teamId: z.uuid().nullable(), load: z.number().int(), capacity: z.number().int() }),
  ),
  cities: z.array(cityRef),
});

export const viewer = named.extend({ lastSeenAt: z.date() });
export const viewers = z.array(viewer);

export type TicketSummaryDto = z.infer<ReturnType<typeof ticketSummary<z.ZodDate>>>;
export type TicketDetailDto = z.infer<ReturnType<typeof ticketDetail<z.ZodDate>>>;
export type QueuePageDto = z.infer<ReturnType<typeof queuePage<z.ZodDate>>>;
export type QueueSummaryDto = z.infer<typeof queueSummary>;

// ── Creation ─────────────────────────────────────────────────────────────────

export const createTicketInput = z.object({
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(10_000),
  priority: ticketPriority,
  category: ticketCategory,
  source: ticketSource,
  language: z.string().trim().min(2).max(8).default("ja"),
  city: cityCode.optional(),
  /** For callers that already hold the city's id (alert follow-ups); integrations send `city`. */
  cityId: z.uuid().optional(),
  requesterName: z.string().trim().min(1).max(200),
  requesterEmail: z.email().optional(),
  orderRef: z.string().trim().min(1).max(64).optional(),
  /** The restaurant the ticket is about, when the requester names one: incident correlation keys on it. */
  restaurantId: z.string().trim().min(1).max(100).optional(),
  /** The caller's own id for the ticket: sending it again returns the existing ticket instead of a duplicate. */
  externalId: z.string().trim().min(1).max(100).optional(),
});
export type CreateTicketInput = z.infer<typeof createTicketInput>;

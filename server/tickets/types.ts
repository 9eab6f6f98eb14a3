// Plain mirrors of the Prisma enums so domain logic never imports the generated client.
// types.test.ts checks these lists against prisma/schema.prisma.

export const TICKET_STATUSES = ["new", "open", "pending", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket is being worked: it counts against its agent's capacity and its escalation is live. */
export const ACTIVE_STATUSES = ["new", "open", "pending"] as const satisfies readonly TicketStatus[];

export function isActiveStatus(status: TicketStatus): boolean {
  return ACTIVE_STATUSES.some((active) => active === status);
}

export const TICKET_PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_CATEGORIES = [
  "order_issue",
  "delivery_delay",
  "missing_item",
  "refund_request",
  "payment",
  "account_access",
  "restaurant_onboarding",
  "menu_update",
  "courier_payout",
  "courier_safety",
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Matches Team.key. */
export type TeamKey = "consumer" | "restaurant" | "courier";

export type { BusinessCalendar } from "../lib/business-calendar.ts";

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

export function isTicketPriority(value: string): value is TicketPriority {
  return (TICKET_PRIORITIES as readonly string[]).includes(value);
}

export function isTicketCategory(value: string): value is TicketCategory {
  return (TICKET_CATEGORIES as readonly string[]).includes(value);
}

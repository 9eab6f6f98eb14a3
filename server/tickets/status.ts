import { TICKET_STATUSES, type TicketStatus } from "./types";

export { TICKET_STATUSES, type TicketStatus };

export type TransitionResult = { ok: true } | { ok: false; reason: string };

// Modelled on Zendesk's new/open/pending/solved/closed lifecycle:
// - new may go straight to pending (asked the customer something) or resolved (duplicate, answered at once);
// - pending may be resolved without reopening (the third party fixed it and told us);
// - resolved may be reopened, and only resolved may close, so every closed ticket went through a resolution;
// - closed is final: a follow-up ticket keeps the closed one's SLA and reporting intact.
const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "resolved"],
  open: ["pending", "resolved"],
  pending: ["open", "resolved"],
  resolved: ["open", "closed"],
  closed: [],
};

/** Statuses a ticket in `from` may move to, in lifecycle order, for status menus. */
export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function transition(from: TicketStatus, to: TicketStatus): TransitionResult {
  if (canTransition(from, to)) return { ok: true };
  return { ok: false, reason: refusal(from, to) };
}

function refusal(from: TicketStatus, to: TicketStatus): string {
  if (from === to) return `already ${from}`;
  if (from === "closed") return "A closed ticket cannot be reopened; create a follow-up ticket";
  if (to === "new") return "A ticket cannot go back to new once it has been triaged";
  if (to === "closed") return "Only a resolved ticket can be closed; resolve it first";
  if (from === "resolved" && to === "pending") {
    return "A resolved ticket must be reopened before it can wait on the customer";
  }
  return `A ${from} ticket cannot become ${to}`;
}

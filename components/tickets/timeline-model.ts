import type { TimelineEntry } from "./types";

type EventEntry = Extract<TimelineEntry, { kind: "event" }>;
type AssignmentEntry = Extract<TimelineEntry, { kind: "assignment" }>;

export type TimelineItem =
  Extract<TimelineEntry, { kind: "comment" }> | EventEntry | (AssignmentEntry & { actorName: string | null });

// Shown through another entry: the comment itself, the status change, the assignment with its reason.
const SHOWN_ELSEWHERE = new Set(["TicketCommented", "TicketResolved", "TicketAssigned"]);
const PAIRING_WINDOW_MS = 5000;

function assignedTo(event: EventEntry): string | null | undefined {
  const to = event.payload.to;
  return typeof to === "string" || to === null ? to : undefined;
}

/**
 * The timeline as shown: events that only repeat another entry are dropped, and each assignment takes the
 * name of whoever made it from its TicketAssigned event (same change, same instant, same assignee).
 */
export function timelineItems(entries: readonly TimelineEntry[]): TimelineItem[] {
  return withCreationFirst(visibleItems(entries));
}

// Routing runs in the creating transaction, so its decision is stamped a moment before the creation event;
// the creation reads first.
function withCreationFirst(items: TimelineItem[]): TimelineItem[] {
  const created = items.findIndex((item) => item.kind === "event" && item.type === "TicketCreated");
  const creation = items[created];
  const first = items[0];
  if (created <= 0 || !creation || !first || creation.at.getTime() - first.at.getTime() > PAIRING_WINDOW_MS)
    return items;
  return [creation, ...items.slice(0, created), ...items.slice(created + 1)];
}

function visibleItems(entries: readonly TimelineEntry[]): TimelineItem[] {
  const assignedEvents = entries.filter(
    (entry): entry is EventEntry => entry.kind === "event" && entry.type === "TicketAssigned",
  );
  const items: TimelineItem[] = [];
  for (const entry of entries) {
    if (entry.kind === "event") {
      if (!SHOWN_ELSEWHERE.has(entry.type)) items.push(entry);
      continue;
    }
    if (entry.kind === "comment") {
      items.push(entry);
      continue;
    }
    const event = assignedEvents.find(
      (candidate) =>
        assignedTo(candidate) === (entry.assignee?.id ?? null) &&
        Math.abs(candidate.at.getTime() - entry.at.getTime()) <= PAIRING_WINDOW_MS,
    );
    items.push({ ...entry, actorName: event?.actor.name ?? null });
  }
  return items;
}

import type { TicketDetail } from "./types";

const DIFF_FIELDS = ["status", "priority", "category", "assignee", "team", "subject"] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

type Diffable = Pick<TicketDetail, "status" | "priority" | "category" | "assignee" | "team" | "subject">;

function keyOf(ticket: Diffable, field: DiffField): string {
  switch (field) {
    case "assignee":
      return ticket.assignee?.id ?? "";
    case "team":
      return ticket.team.id;
    default:
      return ticket[field];
  }
}

/** The fields someone else changed between the version the user saw and the current one. */
export function changedFields(seen: Diffable, current: Diffable): DiffField[] {
  return DIFF_FIELDS.filter((field) => keyOf(seen, field) !== keyOf(current, field));
}

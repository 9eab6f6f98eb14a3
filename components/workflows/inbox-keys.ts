// My tasks' keyboard, like the ticket queue's: j/k move, Enter opens, a approves, r rejects (with a reason),
// e requests changes, c completes a task, d delegates. A key that does not fit the selected item does nothing.

export type InboxAction =
  "next" | "previous" | "open" | "approve" | "reject" | "request_changes" | "complete" | "delegate" | "help";

const MOVES: Record<string, InboxAction> = { j: "next", k: "previous", "?": "help" };
const ON_ITEM: Record<string, InboxAction> = { Enter: "open", d: "delegate" };
const BY_KIND: Record<string, Record<string, InboxAction>> = {
  approval: { a: "approve", r: "reject", e: "request_changes" },
  task: { c: "complete" },
};

export function inboxKeyAction(key: string, selectedKind: string | null): InboxAction | null {
  const move = MOVES[key];
  if (move) return move;
  if (selectedKind === null) return null;
  return ON_ITEM[key] ?? BY_KIND[selectedKind]?.[key] ?? null;
}

/** The next index after moving by `delta`, kept within the list (-1 for an empty list). */
export function moveSelection(current: number, delta: 1 | -1, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return delta === 1 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}

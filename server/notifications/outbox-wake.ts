// Rows enqueued in this process wake its delivery worker at once instead of at the next poll. Another instance's
// worker finds them at its next poll.

let wake: (() => void) | null = null;

export function onOutboxEnqueued(listener: (() => void) | null): void {
  wake = listener;
}

export function outboxEnqueued(): void {
  wake?.();
}

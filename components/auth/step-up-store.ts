import { useSyncExternalStore } from "react";

// One pending step-up at a time: the tRPC link waits on it, the dialog answers it. Calls refused together share
// the same prompt and are all retried once the code is confirmed.

let pending: Promise<boolean> | null = null;
let settle: ((confirmed: boolean) => void) | null = null;
const listeners = new Set<() => void>();

function emit() {
  listeners.forEach((listener) => listener());
}

export function askForStepUp(): Promise<boolean> {
  if (!pending) {
    pending = new Promise((resolve) => (settle = resolve));
    emit();
  }
  return pending;
}

export function finishStepUp(confirmed: boolean): void {
  settle?.(confirmed);
  pending = null;
  settle = null;
  emit();
}

export function useStepUpRequested(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending !== null,
    () => false,
  );
}

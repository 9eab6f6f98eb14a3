"use client";

import { useEffect, useRef } from "react";
import { isTypingContext } from "./keyboard";

export interface QueueKeyHandlers {
  move: (delta: 1 | -1) => void;
  open: () => void;
  assignToMe: () => void;
  toggleSelection: () => void;
  focusSearch: () => void;
  showHelp: () => void;
}

/** j/k move, Enter opens, a assigns to me, x selects, / searches, ? helps; never while the user is typing. */
export function useQueueKeyboard(handlers: QueueKeyHandlers) {
  const latest = useRef(handlers);

  useEffect(() => {
    latest.current = handlers;
  }, [handlers]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (isTypingContext(event)) return;
      const h = latest.current;
      const actions: Record<string, () => void> = {
        j: () => h.move(1),
        k: () => h.move(-1),
        a: h.assignToMe,
        x: h.toggleSelection,
        "/": h.focusSearch,
        "?": h.showHelp,
      };
      // Enter on a focused link or button already does its own thing.
      if (
        event.key === "Enter" &&
        !(event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement)
      ) {
        event.preventDefault();
        h.open();
        return;
      }
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

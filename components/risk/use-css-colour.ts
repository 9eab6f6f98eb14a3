"use client";

import { useSyncExternalStore } from "react";

// Theme switches toggle a class on <html>; watching it keeps chart colours in step with globals.css.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class", "style"] });
  return () => observer.disconnect();
}

/** The current value of a theme CSS variable (e.g. "--danger"), for SVG charts that need a concrete colour. */
export function useCssColour(variable: string, fallback = "currentColor"): string {
  return useSyncExternalStore(
    subscribe,
    () => getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || fallback,
    () => fallback,
  );
}

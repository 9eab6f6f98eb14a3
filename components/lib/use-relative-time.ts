"use client";

import { useFormatter } from "next-intl";
import { useNow } from "./use-now";

/**
 * "in 3 hours" against the browser's clock, refreshed every `everyMs`. While rendering on the server there is no
 * shared "now" to measure from, so the absolute time stands in until hydration.
 */
export function useRelativeTime(everyMs = 30_000): (date: Date) => string {
  const format = useFormatter();
  const now = useNow(everyMs);
  return (date) =>
    now === null
      ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" })
      : format.relativeTime(date, now);
}

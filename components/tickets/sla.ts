import type { SlaInfo } from "./types";

// How an SLA badge looks at a given instant on the client clock, between server refreshes. The server's
// atRiskAt and dueAt are the business-calendar instants, so the badge turns on time without recomputing SLA.

export type SlaTone = "ok" | "at_risk" | "breached" | "paused" | "stopped";

export interface SlaReading {
  tone: SlaTone;
  /** Wall-clock time to the nearest open deadline; negative once it passed; null when paused or stopped. */
  remainingMs: number | null;
}

type SlaTimes = Pick<SlaInfo, "paused" | "dueAt" | "atRiskAt" | "atRisk">;

export function readSla(sla: SlaTimes, now: number): SlaReading {
  if (sla.dueAt === null) return { tone: "stopped", remainingMs: null };
  if (sla.paused) return { tone: "paused", remainingMs: null };
  const remainingMs = sla.dueAt.getTime() - now;
  if (remainingMs <= 0) return { tone: "breached", remainingMs };
  const atRisk = sla.atRiskAt === null ? sla.atRisk : sla.atRiskAt.getTime() <= now;
  return { tone: atRisk ? "at_risk" : "ok", remainingMs };
}

/** The server's own reading, for renders before the client clock is known (server render, hydration). */
export function serverReading(sla: SlaTimes): SlaReading {
  if (sla.dueAt === null) return { tone: "stopped", remainingMs: null };
  if (sla.paused) return { tone: "paused", remainingMs: null };
  return { tone: sla.atRisk ? "at_risk" : "ok", remainingMs: null };
}

export interface DurationParts {
  unit: "dh" | "hm" | "ms" | "s";
  a: number;
  b: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The two most significant units of a duration (its sign dropped): seconds show only under an hour. */
export function durationParts(ms: number): DurationParts {
  const abs = Math.abs(ms);
  if (abs >= DAY) return { unit: "dh", a: Math.floor(abs / DAY), b: Math.floor((abs % DAY) / HOUR) };
  if (abs >= HOUR) return { unit: "hm", a: Math.floor(abs / HOUR), b: Math.floor((abs % HOUR) / MINUTE) };
  if (abs >= MINUTE)
    return { unit: "ms", a: Math.floor(abs / MINUTE), b: Math.floor((abs % MINUTE) / SECOND) };
  return { unit: "s", a: Math.floor(abs / SECOND), b: 0 };
}

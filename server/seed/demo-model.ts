import { BUCKET_MS, type Metric } from "../indicators/metrics.ts";
import type { IngestPoint } from "../cities/contract.ts";

// Plausible indicator values for the demo feed: the seed's daily rhythm (server/seed/cities.ts generates
// history with the same formulas in SQL), plus scripted incidents so a newcomer sees alerts fire and resolve.

export interface DemoCity {
  code: string;
  /** Relative order volume, Tokyo = 1. */
  size: number;
}

export type Incident = "courier_shortage" | "rainstorm" | null;

const JST_OFFSET_MS = 9 * 3_600_000;

/** 0–1 pseudo-random value fixed for (city, bucket, channel): the same bucket always gets the same base. */
export function noise(code: string, bucketMs: number, channel: number): number {
  let hash = 2166136261;
  for (const char of `${code}:${channel}:${bucketMs}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return ((hash >>> 0) % 65536) / 65535;
}

/** Lunch and dinner peaks in Tokyo time, quiet nights, busier weekends. */
export function rhythm(at: Date): number {
  const local = new Date(at.getTime() + JST_OFFSET_MS);
  const h = local.getUTCHours() + local.getUTCMinutes() / 60;
  const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6 ? 1.15 : 1;
  const peak = (center: number, width: number, height: number) =>
    height * Math.exp(-((h - center) ** 2) / width);
  return (0.06 + peak(12.3, 1.6, 0.9) + peak(19.2, 3.9, 1.15) + peak(15.5, 8, 0.25)) * weekend;
}

/**
 * One bucket of every metric for a city. `wobble` (−1…1) moves the values a little between writes of the
 * bucket still open, so live charts visibly breathe.
 */
export function demoBucket(city: DemoCity, bucketStart: Date, incident: Incident, wobble = 0): IngestPoint[] {
  const t = bucketStart.getTime();
  const r = (channel: number) => noise(city.code, t, channel);
  const beat = rhythm(bucketStart);
  const shortage = incident === "courier_shortage";
  const storm = incident === "rainstorm";
  const jitter = 1 + 0.03 * wobble;
  const demand = city.size * 170 * beat * (0.9 + 0.2 * r(1)) * (storm ? 1.35 : 1) * jitter;
  const supply =
    city.size * 240 * (0.12 + 0.8 * beat) * (0.94 + 0.12 * r(2)) * (shortage ? 0.45 : storm ? 0.65 : 1);
  const minutes = 24 + 9 * beat + 4 * r(3) + (shortage ? 22 : storm ? 17 : 0) + 0.6 * wobble;
  const cancel = 0.018 + 0.012 * beat + 0.01 * r(4) + (shortage ? 0.07 : storm ? 0.06 : 0);
  const kitchens = city.size * 20 * Math.max(0, beat - 0.6) * (0.7 + 0.6 * r(5));
  const failures = city.size * 5 * beat * r(6) + (storm ? 9 + 4 * r(7) : shortage ? 2 : 0);
  const values: Record<Metric, number> = {
    orders: Math.round(demand * (1 - cancel)),
    demand: Math.round(demand),
    supply: Math.round(supply),
    avg_delivery_minutes: Math.round(minutes * 10) / 10,
    cancellation_rate: Math.round(Math.min(1, cancel) * 10_000) / 10_000,
    kitchen_overloads: Math.round(kitchens),
    delivery_failures: Math.round(failures),
  };
  return (Object.keys(values) as Metric[]).map((metric) => ({
    city: city.code,
    metric,
    bucketStart,
    value: Math.max(0, values[metric]),
  }));
}

const MINUTE_MS = 60_000;

/**
 * The demo's script, in minutes since the feed started: Osaka's courier shortage (ongoing in the seed) lasts
 * 25 more minutes, then recovers; Fukuoka gets 40 minutes of heavy rain straight away and again every 3 hours.
 */
export function incidentAt(code: string, sinceStartMs: number): Incident {
  const minutes = sinceStartMs / MINUTE_MS;
  if (code === "OSA" && minutes < 25) return "courier_shortage";
  if (code === "FUK" && minutes % 180 < 40) return "rainstorm";
  return null;
}

export const bucketOf = (at: Date) => new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS);

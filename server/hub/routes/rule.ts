import type { InboundType } from "../catalogue.ts";
import type { NormalisedOf } from "../mapping/normalised.ts";
import { BUCKET_MS } from "../../indicators/metrics.ts";
import type { Effect, RouteDecision } from "./effects.ts";
import type { FactName, RouteFacts } from "./facts.ts";

/** One row of the routing table: a pure function from a normalised event (and the facts it names) to effects. */
export interface Rule<T extends InboundType> {
  name: string;
  needs: readonly FactName[];
  plan(event: NormalisedOf<T>, facts: RouteFacts): RouteDecision;
}

/** The start of the 5-minute indicator bucket an instant falls in. */
const bucketOf = (at: Date) => new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS);

type IndicatorEffect = Extract<Effect, { kind: "indicator" }>;

/**
 * The indicator effect for the bucket an event falls in, or null (with why) when the bucket began before the
 * inbox's horizon (its value is counted from the inbox, whose older events have left with the retention policy,
 * so a recount would lower it) or lies in the future (a mis-dated event would become the city's latest reading).
 */
export function bucketIndicator(
  metric: IndicatorEffect["metric"],
  cityCode: string,
  at: Date,
  facts: Pick<RouteFacts, "inboxHorizon" | "latestBucket">,
): { effect: IndicatorEffect | null; why: string } {
  const bucketStart = bucketOf(at);
  const named = `${metric} of ${cityCode} at ${bucketStart.toISOString()}`;
  if (bucketStart < facts.inboxHorizon) {
    return { effect: null, why: `not ${named}: the inbox no longer holds that bucket's other events` };
  }
  if (bucketStart > facts.latestBucket) {
    return { effect: null, why: `not ${named}: the event is dated in the future` };
  }
  return { effect: { kind: "indicator", metric, cityCode, bucketStart }, why: named };
}

/** Where a ticket's description says which inbound event it came from. */
export const origin = (event: { type: string; ref: { source: string; eventId: string } }) =>
  `${event.type} · ${event.ref.source} · event ${event.ref.eventId}`;

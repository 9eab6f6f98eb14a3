import type { InboundType } from "../catalogue.ts";
import type { NormalisedOf } from "../mapping/normalised.ts";
import { BUCKET_MS } from "../../indicators/metrics.ts";
import type { RouteDecision } from "./effects.ts";
import type { FactName, RouteFacts } from "./facts.ts";

/** One row of the routing table: a pure function from a normalised event (and the facts it names) to effects. */
export interface Rule<T extends InboundType> {
  name: string;
  needs: readonly FactName[];
  plan(event: NormalisedOf<T>, facts: RouteFacts): RouteDecision;
}

/** The start of the 5-minute indicator bucket an instant falls in. */
export const bucketOf = (at: Date) => new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS);

/** Where a ticket's description says which inbound event it came from. */
export const origin = (event: { type: string; ref: { source: string; eventId: string } }) =>
  `${event.type} · ${event.ref.source} · event ${event.ref.eventId}`;

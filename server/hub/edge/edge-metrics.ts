import { Counter, Histogram } from "prom-client";
import { metrics } from "../../ops/metrics.ts";

// The edge's counters and timings, on the process registry that /api/metrics renders. Created once per process
// (the listener and Next's route module share them through globalThis).

export type RejectReason =
  | "unauthenticated"
  | "forbidden"
  | "signature"
  | "content_type"
  | "too_large"
  | "malformed_json"
  | "batch_shape"
  | "envelope"
  | "unknown_source"
  | "unknown_type"
  | "source_mismatch"
  | "schema"
  | "schema_resend"
  | "unstorable"
  | "rate_limited";

/** Where a request's time goes: auth (token or signature), parse (JSON + validation), write (inbox), log. */
export type EdgePhase = "auth" | "parse" | "write" | "log" | "total";

export interface EdgeMetrics {
  /** The REST request counter every integration route shares. */
  requests: Counter<"route" | "status">;
  accepted: Counter<"source">;
  duplicates: Counter<"source">;
  rejected: Counter<"reason">;
  seconds: Histogram<"phase">;
}

const globalForEdge = globalThis as unknown as { opsEdgeMetrics?: EdgeMetrics };

function createEdgeMetrics(): EdgeMetrics {
  const { registry, httpRequests } = metrics();
  const registers = [registry];
  return {
    requests: httpRequests,
    accepted: new Counter({
      name: "ops_inbound_events_accepted_total",
      help: "Inbound events stored in the inbox for the first time, by source.",
      labelNames: ["source"] as const,
      registers,
    }),
    duplicates: new Counter({
      name: "ops_inbound_events_duplicates_total",
      help: "Inbound events re-sent with an id already in the inbox (answered with the first receipt).",
      labelNames: ["source"] as const,
      registers,
    }),
    rejected: new Counter({
      name: "ops_inbound_events_rejected_total",
      help: "Inbound events or requests refused by the edge, by reason (schema failures are also stored, dead).",
      labelNames: ["reason"] as const,
      registers,
    }),
    seconds: new Histogram({
      name: "ops_inbound_edge_seconds",
      help: "Time the event edge spends per request, by phase.",
      labelNames: ["phase"] as const,
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
  };
}

export function edgeMetrics(): EdgeMetrics {
  globalForEdge.opsEdgeMetrics ??= createEdgeMetrics();
  return globalForEdge.opsEdgeMetrics;
}

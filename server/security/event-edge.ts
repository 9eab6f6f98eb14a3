import { throttles } from "./rate-limits.ts";
import type { ThrottleDecision } from "./throttle.ts";
import { noteRefusal } from "./too-many-requests.ts";

/**
 * The event edge's rate limit, per inbound source (LIMITS.event_source), shared by every instance. Call it once
 * per accepted request with the source's key; when `allowed` is false answer 429 with `headers` (Retry-After).
 * A refusal is counted on /api/metrics as ops_rate_limited_total{limit="event_source"}.
 */
export async function admitInboundEvent(
  sourceKey: string,
  events = 1,
): Promise<ThrottleDecision & { headers: Record<string, string> }> {
  const { decision } = await throttles().event_source.consume(sourceKey, events);
  if (decision.allowed) return { ...decision, headers: {} };
  return { ...decision, headers: noteRefusal("event_source", decision.retryAfterSeconds) };
}

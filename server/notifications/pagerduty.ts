import type { PagerdutyConfig } from "./channel-config.ts";
import { outcomeOfHttp } from "./delivery-policy.ts";
import type { HttpAnswer, HttpRequest, OutgoingMessage, Outcome, Severity } from "./types.ts";

// PagerDuty Events API v2: trigger, acknowledge and resolve an alert by dedup_key. PagerDuty answers 202 with the
// dedup_key, 400 for an invalid event, 429 when throttled and 5xx when it is having trouble.

const SEVERITY: Record<Severity, "critical" | "error" | "warning" | "info"> = {
  critical: "critical",
  high: "error",
  warning: "warning",
  info: "info",
};

const pagerdutySeverity = (severity: Severity) => SEVERITY[severity];

/** The alert key of an object's n-th opening: a new generation after each resolve. */
export const dedupKeyFor = (objectType: string, objectId: string, generation: number): string =>
  `ops-console:${objectType}:${objectId}:${generation}`;

export function buildPagerdutyRequest(
  message: OutgoingMessage,
  config: PagerdutyConfig,
  routingKey: string,
  dedupKey: string,
): HttpRequest {
  const base = { routing_key: routingKey, event_action: message.action, dedup_key: dedupKey };
  const event =
    message.action === "trigger"
      ? {
          ...base,
          payload: {
            summary: message.title.slice(0, 1024),
            source: config.source,
            severity: pagerdutySeverity(message.severity),
            component: message.objectType,
            custom_details: {
              objectType: message.objectType,
              objectId: message.objectId,
              step: message.step,
            },
          },
          links: [{ href: message.url, text: "Open in the ops console" }],
          client: "Ops console",
          client_url: message.url,
        }
      : base;
  return {
    url: config.eventsUrl,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(event),
  };
}

export function pagerdutyOutcome(answer: HttpAnswer, now: Date): Outcome {
  return outcomeOfHttp(answer, now, (ok) => {
    try {
      return (JSON.parse(ok.body) as { dedup_key?: string }).dedup_key ?? null;
    } catch {
      return null;
    }
  });
}

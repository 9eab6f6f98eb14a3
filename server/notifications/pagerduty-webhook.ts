import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// PagerDuty webhooks v3: each request is signed with the subscription's secret, HMAC-SHA256 over the raw body,
// sent as `X-PagerDuty-Signature: v1=<hex>` (several comma-separated while a secret rotates). The body's event
// names the incident; its incident_key is the dedup_key the console sent with the trigger.

export function pagerdutySignature(secret: string, rawBody: string): string {
  return `v1=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** True when any signature in the header was made with one of the secrets over this exact body. */
export function verifyPagerdutySignature(
  header: string | null,
  rawBody: string,
  secrets: readonly string[],
): boolean {
  if (!header) return false;
  const given = header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => Buffer.from(part, "utf8"));
  return secrets.some((secret) => {
    const expected = Buffer.from(pagerdutySignature(secret, rawBody), "utf8");
    return given.some(
      (candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected),
    );
  });
}

const webhookBody = z.object({
  event: z.object({
    id: z.string(),
    event_type: z.string(),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: z.object({ id: z.string(), summary: z.string().optional() }).nullable().optional(),
    data: z.object({ id: z.string(), incident_key: z.string().nullable().optional() }).passthrough(),
  }),
});

export interface PagerdutyAcknowledgement {
  eventId: string;
  dedupKey: string;
  at: string;
  /** PagerDuty's responder as PagerDuty names them, when it says. */
  agent: string | null;
}

/**
 * The acknowledgement a verified body reports, or null for any other event (triggered, resolved, annotated …)
 * and for incidents the console did not open (no incident_key).
 */
export function readAcknowledgement(body: unknown): PagerdutyAcknowledgement | null {
  const parsed = webhookBody.safeParse(body);
  if (!parsed.success) return null;
  const { event } = parsed.data;
  if (event.event_type !== "incident.acknowledged" || !event.data.incident_key) return null;
  return {
    eventId: event.id,
    dedupKey: event.data.incident_key,
    at: event.occurred_at,
    agent: event.agent?.summary ?? event.agent?.id ?? null,
  };
}

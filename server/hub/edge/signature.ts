import { Webhook, WebhookVerificationError } from "standardwebhooks";

// Standard Webhooks verification (https://www.standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body`, a
// 5-minute tolerance on the timestamp (the package's), and any of a source's unexpired secrets verifies, so a
// sender can switch to a new secret while the old one still works until its expiry.

export interface SigningSecret {
  id: string;
  source: string;
  webhook: Webhook;
  expiresAtMs: number | null;
}

export interface SignatureHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type SignatureCheck =
  | { ok: true; secretId: string; source: string }
  | { ok: false; field: "webhook-id" | "webhook-timestamp" | "webhook-signature"; message: string };

/** A secret as stored (`whsec_` + base64), or null when it is not a usable key. */
export function signingSecret(
  id: string,
  source: string,
  secret: string,
  expiresAtMs: number | null,
): SigningSecret | null {
  try {
    return { id, source, webhook: new Webhook(secret), expiresAtMs };
  } catch {
    return null;
  }
}

export function hasSignatureHeaders(headers: SignatureHeaders): boolean {
  return headers.signature !== undefined;
}

/** Tries the candidates in order; the first that verifies names the source and the secret. */
export function verifySignature(
  body: Buffer,
  headers: SignatureHeaders,
  candidates: readonly SigningSecret[],
  nowMs: number,
): SignatureCheck {
  const { id, timestamp, signature } = headers;
  if (!id) return { ok: false, field: "webhook-id", message: "is required with webhook-signature" };
  if (!timestamp)
    return { ok: false, field: "webhook-timestamp", message: "is required with webhook-signature" };
  if (!signature) return { ok: false, field: "webhook-signature", message: "is required" };
  const given = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
  for (const candidate of candidates) {
    if (candidate.expiresAtMs !== null && candidate.expiresAtMs <= nowMs) continue;
    try {
      candidate.webhook.verify(body, given, { jsonParse: false });
      return { ok: true, secretId: candidate.id, source: candidate.source };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // Timestamp problems are the same for every secret: stop at the first.
      if (/timestamp|Signature Headers/i.test(error.message)) {
        return {
          ok: false,
          field: "webhook-timestamp",
          message: "must be the current time in Unix seconds, within 5 minutes",
        };
      }
    }
  }
  return {
    ok: false,
    field: "webhook-signature",
    message: "matches no active signing secret of the event's source",
  };
}

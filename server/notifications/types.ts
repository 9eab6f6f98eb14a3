// The shapes the notification domain passes between its pure parts (message building, provider adapters,
// delivery policy) and its edges (the outbox repository, the HTTP and SMTP transports).

export const CHANNEL_KINDS = ["slack", "pagerduty", "email", "webhook", "in_app"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const SEVERITIES = ["critical", "high", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** PagerDuty's three actions; the other channels word their message after it. */
export const ACTIONS = ["trigger", "acknowledge", "resolve"] as const;
export type NotificationAction = (typeof ACTIONS)[number];

export type Locale = "en" | "ja";

/** What one outbox row says, as the adapters read it. */
export interface OutgoingMessage {
  deliveryId: string;
  objectType: string;
  objectId: string;
  step: string;
  action: NotificationAction;
  severity: Severity;
  title: string;
  /** Absolute link back to the console. */
  url: string;
}

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  locale: Locale;
}

/** An HTTP request an adapter builds; the transport sends it as is. */
export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What an attempt came to, decided by the adapter from the provider's answer. */
export type Outcome =
  | { kind: "delivered"; receipt: string | null; response: ResponseRecord }
  /** Try again; `afterMs` when the provider said when (Retry-After), otherwise the backoff decides. */
  | { kind: "retry"; error: string; afterMs: number | null; response: ResponseRecord | null }
  /** No later attempt can succeed as things stand (bad token, unknown channel, no address): a dead letter now. */
  | { kind: "permanent"; error: string; response: ResponseRecord | null };

/** The provider's answer as the outbox keeps it (the body cut short). */
export interface ResponseRecord {
  status: number;
  body: string;
}

export const responseRecord = (answer: HttpAnswer): ResponseRecord => ({
  status: answer.status,
  body: answer.body.slice(0, 2_000),
});

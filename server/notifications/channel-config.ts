import { z } from "zod";
import type { ChannelKind } from "./types.ts";

// Each kind's settings: what is not secret (kept readable in `config`) and what is (kept encrypted, never shown
// again once saved). Endpoint URLs are configurable so tests and staging reach a local receiver.

const httpUrl = z.url({ protocol: /^https?$/ });

export const slackConfig = z.object({
  /** webhook: the secret is an incoming-webhook URL; bot: the secret is a bot token for chat.postMessage. */
  mode: z.enum(["webhook", "bot"]).default("webhook"),
  /** chat.postMessage's channel ("#ops-pages" or an id); bot mode only. */
  channel: z.string().max(80).optional(),
  apiBaseUrl: httpUrl.default("https://slack.com/api"),
});

export const pagerdutyConfig = z.object({
  eventsUrl: httpUrl.default("https://events.pagerduty.com/v2/enqueue"),
  /** Who PagerDuty shows as the alert's source. */
  source: z.string().max(120).default("ops-console"),
});

export const emailConfig = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65_535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  from: z.string().min(3).max(255),
  user: z.string().max(255).optional(),
});

export const webhookConfig = z.object({
  url: httpUrl,
  /** The object types this subscriber hears; empty for all. */
  objectTypes: z.array(z.string().min(1).max(40)).max(20).default([]),
});

const inAppConfig = z.object({});

export const CONFIG_SCHEMAS = {
  slack: slackConfig,
  pagerduty: pagerdutyConfig,
  email: emailConfig,
  webhook: webhookConfig,
  in_app: inAppConfig,
} as const satisfies Record<ChannelKind, z.ZodType>;

export type SlackConfig = z.infer<typeof slackConfig>;
export type PagerdutyConfig = z.infer<typeof pagerdutyConfig>;
export type EmailConfig = z.infer<typeof emailConfig>;
export type WebhookConfig = z.infer<typeof webhookConfig>;

export const slackSecret = z.string().min(1).max(500);
export const pagerdutySecret = z.object({
  /** The Events API v2 integration (routing) key. */
  routingKey: z.string().min(1).max(100),
  /** The v3 webhook subscription's signing secret, to verify acknowledgements coming back. */
  webhookSecret: z.string().min(1).max(200).optional(),
});
export const emailSecret = z.string().max(500);
/** Standard Webhooks secret: "whsec_" + base64 of at least 24 bytes. */
export const webhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/=]{32,}$/, "whsec_ followed by base64");

export const SECRET_SCHEMAS = {
  slack: slackSecret,
  pagerduty: pagerdutySecret,
  email: emailSecret,
  webhook: webhookSecret,
  in_app: z.undefined(),
} as const satisfies Record<ChannelKind, z.ZodType>;

/** Whether a kind needs a secret before it can deliver (e-mail may relay without one). */
export const NEEDS_SECRET: Record<ChannelKind, boolean> = {
  slack: true,
  pagerduty: true,
  email: false,
  webhook: true,
  in_app: false,
};

/** Secrets are stored as JSON text (an object for PagerDuty), encrypted. */
export const encodeSecret = (secret: unknown): string => JSON.stringify(secret);
export const decodeSecret = (text: string): unknown => JSON.parse(text);

import { z } from "zod";
import { decryptPii, type PiiKeyring } from "../lib/pii-cipher.ts";
import {
  decodeSecret,
  emailConfig,
  emailSecret,
  pagerdutyConfig,
  pagerdutySecret,
  slackConfig,
  slackSecret,
  webhookConfig,
  webhookSecret,
  type EmailConfig,
  type PagerdutyConfig,
  type SlackConfig,
  type WebhookConfig,
} from "./channel-config.ts";
import type { ChannelRow } from "./channel-repository.ts";

// A stored channel made ready to send: its config parsed for its kind and its secret decrypted. A channel whose
// stored settings no longer parse (or whose secret is missing) is unusable, and says why.

interface Base {
  id: string;
  name: string;
  enabled: boolean;
  ratePerMinute: number;
  /** Changes when the channel is saved (pooled connections are keyed by it). */
  version: string;
}

export type ResolvedChannel = Base &
  (
    | { kind: "slack"; config: SlackConfig; secret: string }
    | { kind: "pagerduty"; config: PagerdutyConfig; secret: z.infer<typeof pagerdutySecret> }
    | { kind: "email"; config: EmailConfig; secret: string | null }
    | { kind: "webhook"; config: WebhookConfig; secret: string }
    | { kind: "in_app"; config: Record<string, never>; secret: null }
  );

export type ChannelProblem = { unusable: string };

function secretOf(row: ChannelRow, keyring: PiiKeyring): unknown {
  return row.secretCiphertext === null ? undefined : decodeSecret(decryptPii(keyring, row.secretCiphertext));
}

export function resolveChannel(row: ChannelRow, keyring: PiiKeyring): ResolvedChannel | ChannelProblem {
  const base: Base = {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    ratePerMinute: row.ratePerMinute,
    version: row.updatedAt.toISOString(),
  };
  try {
    const secret = secretOf(row, keyring);
    switch (row.kind) {
      case "slack":
        return {
          ...base,
          kind: "slack",
          config: slackConfig.parse(row.config),
          secret: slackSecret.parse(secret),
        };
      case "pagerduty":
        return {
          ...base,
          kind: "pagerduty",
          config: pagerdutyConfig.parse(row.config),
          secret: pagerdutySecret.parse(secret),
        };
      case "email":
        return {
          ...base,
          kind: "email",
          config: emailConfig.parse(row.config),
          secret: secret === undefined ? null : emailSecret.parse(secret),
        };
      case "webhook":
        return {
          ...base,
          kind: "webhook",
          config: webhookConfig.parse(row.config),
          secret: webhookSecret.parse(secret),
        };
      case "in_app":
        return { ...base, kind: "in_app", config: {}, secret: null };
    }
  } catch (error) {
    const reason =
      error instanceof z.ZodError
        ? error.issues.map((i) => i.path.join(".") || i.message).join(", ")
        : "secret unreadable";
    return { unusable: `Channel ${row.name} is misconfigured (${reason}).` };
  }
}

export const isUsable = (channel: ResolvedChannel | ChannelProblem): channel is ResolvedChannel =>
  !("unusable" in channel);

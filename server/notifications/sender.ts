import { buildEmail } from "./email.ts";
import { consoleUrl } from "./message.ts";
import type { ClaimedDelivery, InAppRow } from "./outbox-repository.ts";
import { buildPagerdutyRequest, pagerdutyOutcome } from "./pagerduty.ts";
import type { ChannelProblem, ResolvedChannel } from "./resolved-channel.ts";
import { buildSlackRequest, slackOutcome } from "./slack.ts";
import type { Transport } from "./transport.ts";
import type { OutgoingMessage, Outcome, Recipient } from "./types.ts";
import { buildWebhookRequest, webhookOutcome } from "./webhook.ts";

// One attempt of one outbox row: build the provider's request with the adapter, send it through the transport,
// read the answer. What must be written with the outcome (the in-app row, a resolved PagerDuty alert) comes back
// beside it, so the worker writes it in the same transaction as the row's new state.

export interface SendContext {
  transport: Transport;
  now: Date;
  consoleBaseUrl: string;
  /** The dedup_key to use for this row's PagerDuty action (opening a new generation for a trigger after a resolve). */
  pagerdutyKey(row: ClaimedDelivery, channelId: string): Promise<string | null>;
}

export interface Attempt {
  outcome: Outcome;
  inApp?: InAppRow;
  /** A delivered resolve: the object's alert on this channel is closed. */
  resolved?: { channelId: string; objectType: string; objectId: string };
}

const permanent = (error: string): Attempt => ({ outcome: { kind: "permanent", error, response: null } });

function outgoingMessage(row: ClaimedDelivery, consoleBaseUrl: string): OutgoingMessage {
  return {
    deliveryId: row.id,
    objectType: row.objectType,
    objectId: row.objectId,
    step: row.step,
    action: row.action,
    severity: row.severity,
    title: row.title,
    url: consoleUrl(consoleBaseUrl, row.path),
  };
}

async function attempt(
  row: ClaimedDelivery,
  channel: ResolvedChannel | null,
  recipient: Recipient | null,
  context: SendContext,
): Promise<Attempt> {
  const message = outgoingMessage(row, context.consoleBaseUrl);
  const locale = recipient?.locale ?? "en";
  if (row.channelKind === "in_app") {
    if (!recipient) return permanent("An in-app notification needs an active recipient.");
    return {
      outcome: { kind: "delivered", receipt: null, response: { status: 201, body: "in-app notification" } },
      inApp: {
        deliveryId: row.id,
        userId: recipient.userId,
        objectType: row.objectType,
        objectId: row.objectId,
        title: row.title,
        path: row.path,
        severity: row.severity,
      },
    };
  }
  if (!channel) return permanent("The channel no longer exists.");
  switch (channel.kind) {
    case "slack": {
      const request = buildSlackRequest(message, channel.config, channel.secret, locale);
      return { outcome: slackOutcome(await context.transport.post(request), channel.config, context.now) };
    }
    case "pagerduty": {
      const dedupKey = await context.pagerdutyKey(row, channel.id);
      if (dedupKey === null) {
        // Acknowledging or resolving an object that was never paged here: nothing to tell PagerDuty.
        return {
          outcome: { kind: "delivered", receipt: null, response: { status: 204, body: "no open alert" } },
        };
      }
      const request = buildPagerdutyRequest(message, channel.config, channel.secret.routingKey, dedupKey);
      const outcome = pagerdutyOutcome(await context.transport.post(request), context.now);
      const resolved =
        outcome.kind === "delivered" && row.action === "resolve"
          ? { channelId: channel.id, objectType: row.objectType, objectId: row.objectId }
          : undefined;
      return { outcome, ...(resolved ? { resolved } : {}) };
    }
    case "webhook": {
      const request = buildWebhookRequest(message, channel.config, channel.secret, context.now);
      return { outcome: webhookOutcome(await context.transport.post(request), request, context.now) };
    }
    case "email": {
      if (!recipient) return permanent("An e-mail needs an active recipient with an address.");
      const mail = buildEmail(message, channel.config, recipient);
      const sent = await context.transport.sendMail(
        { id: channel.id, version: channel.version, config: channel.config, password: channel.secret },
        mail,
      );
      return {
        outcome: {
          kind: "delivered",
          receipt: sent.messageId,
          response: { status: 250, body: sent.response.slice(0, 2_000) },
        },
      };
    }
    case "in_app":
      return permanent("In-app rows are not sent through a channel.");
  }
}

/** SMTP reply codes 5xx are permanent (no such mailbox, relaying denied); everything else may pass later. */
function smtpPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export async function sendDelivery(
  row: ClaimedDelivery,
  channel: ResolvedChannel | ChannelProblem | null,
  recipient: Recipient | null,
  context: SendContext,
): Promise<Attempt> {
  if (channel && "unusable" in channel) return permanent(channel.unusable);
  try {
    return await attempt(row, channel, recipient, context);
  } catch (error) {
    const text = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
    return smtpPermanent(error)
      ? permanent(text)
      : { outcome: { kind: "retry", error: text, afterMs: null, response: null } };
  }
}

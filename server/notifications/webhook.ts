import { Webhook } from "standardwebhooks";
import type { WebhookConfig } from "./channel-config.ts";
import { outcomeOfHttp } from "./delivery-policy.ts";
import type { HttpAnswer, HttpRequest, OutgoingMessage, Outcome } from "./types.ts";

// Outbound webhooks to the subscribers of the console's notifications, signed with the Standard Webhooks scheme
// (webhook-id, webhook-timestamp, webhook-signature): the id is the delivery's, so a subscriber can drop a retry
// it already took.

const WEBHOOK_EVENT_TYPE = "notification.page";

function webhookPayload(message: OutgoingMessage, at: Date) {
  return {
    type: WEBHOOK_EVENT_TYPE,
    timestamp: at.toISOString(),
    data: {
      action: message.action,
      severity: message.severity,
      title: message.title,
      objectType: message.objectType,
      objectId: message.objectId,
      step: message.step,
      url: message.url,
    },
  };
}

/** Whether this subscriber hears notifications about the message's object type. */
export const subscriberHears = (config: WebhookConfig, objectType: string): boolean =>
  config.objectTypes.length === 0 || config.objectTypes.includes(objectType);

export function buildWebhookRequest(
  message: OutgoingMessage,
  config: WebhookConfig,
  secret: string,
  at: Date,
): HttpRequest {
  const body = JSON.stringify(webhookPayload(message, at));
  const msgId = `msg_${message.deliveryId}`;
  return {
    url: config.url,
    headers: {
      "content-type": "application/json",
      "webhook-id": msgId,
      "webhook-timestamp": Math.floor(at.getTime() / 1_000).toString(),
      "webhook-signature": new Webhook(secret).sign(msgId, at, body),
    },
    body,
  };
}

export const webhookOutcome = (answer: HttpAnswer, request: HttpRequest, now: Date): Outcome =>
  outcomeOfHttp(answer, now, () => request.headers["webhook-id"] ?? null);

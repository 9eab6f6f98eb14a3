import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import type { NotificationAcknowledgedPayload } from "../events/payloads.ts";
import { AppError } from "../lib/errors.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { enabledChannelsOfKinds } from "./channel-repository.ts";
import { incidentOfDedupKey } from "./incident-keys.ts";
import { acknowledgementRecorded, latestEscalationOf } from "./acknowledgement-repository.ts";
import { readAcknowledgement, verifyPagerdutySignature } from "./pagerduty-webhook.ts";
import { isUsable, resolveChannel } from "./resolved-channel.ts";

// PagerDuty webhooks v3 coming back: a verified incident.acknowledged on an alert the console opened records
// NotificationAcknowledged on the console's object (the on-call side stops the escalation on it). PagerDuty
// redelivers webhooks, so each of its events is recorded once.

export type InboundAnswer = { status: "recorded" | "duplicate" | "ignored"; detail: string };

function webhookSecrets(db: Db) {
  return enabledChannelsOfKinds(db, ["pagerduty"]).then((rows) =>
    rows.flatMap((row) => {
      const channel = resolveChannel(row, piiKeyring());
      return isUsable(channel) && channel.kind === "pagerduty" && channel.secret.webhookSecret
        ? [channel.secret.webhookSecret]
        : [];
    }),
  );
}

export async function receivePagerdutyWebhook(
  db: Db,
  context: ServiceContext,
  request: { rawBody: string; signature: string | null },
): Promise<InboundAnswer> {
  if (!verifyPagerdutySignature(request.signature, request.rawBody, await webhookSecrets(db))) {
    throw new AppError("UNAUTHORIZED", "X-PagerDuty-Signature does not match any configured webhook secret.");
  }
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    throw new AppError("BAD_REQUEST", "body: not JSON.", {
      details: { issues: [{ path: "body", message: "not JSON" }] },
    });
  }
  const ack = readAcknowledgement(body);
  if (!ack) return { status: "ignored", detail: "not an acknowledgement of a console alert" };
  const incident = await incidentOfDedupKey(db, ack.dedupKey);
  if (!incident) return { status: "ignored", detail: `unknown incident key ${ack.dedupKey}` };
  return withTransaction(db, async (tx) => {
    if (await acknowledgementRecorded(tx, incident.objectType, incident.objectId, ack.eventId)) {
      return { status: "duplicate", detail: ack.eventId };
    }
    const payload: NotificationAcknowledgedPayload & { providerEventId: string; agent: string | null } = {
      objectType: incident.objectType as NotificationAcknowledgedPayload["objectType"],
      objectId: incident.objectId,
      escalationId: await latestEscalationOf(tx, incident.objectType, incident.objectId),
      userId: null,
      via: "pagerduty",
      at: ack.at,
      providerEventId: ack.eventId,
      agent: ack.agent,
    };
    await recordEvents(tx, context, [
      {
        type: "NotificationAcknowledged",
        aggregateType: incident.objectType,
        aggregateId: incident.objectId,
        payload,
      },
    ]);
    return { status: "recorded", detail: `${incident.objectType}/${incident.objectId}` };
  });
}

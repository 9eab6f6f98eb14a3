import { withTransaction } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { escalationStepDuePayload } from "../events/payloads.ts";
import { outboxEnqueued } from "./outbox-wake.ts";
import { enqueueNotificationsIn } from "./service.ts";
import type { ChannelKind } from "./types.ts";

// Consumer notifications.escalation-pages: an escalation step fell due on the on-call side; each recipient ×
// channel becomes an outbox row. Idempotent on the step's key: a redelivered event finds its rows already there.

/** A recipient whose channel list is empty gets the console's own bell: never nobody. */
const DEFAULT_CHANNELS: ChannelKind[] = ["in_app"];

export const enqueueEscalationPages: EventHandler = async (db, _context, event) => {
  const step = escalationStepDuePayload.parse(event.payload);
  const result = await withTransaction(db, (tx) =>
    enqueueNotificationsIn(tx, {
      objectType: step.objectType,
      objectId: step.objectId,
      escalationId: step.escalationId,
      step: step.idempotencyKey,
      action: "trigger",
      severity: step.severity,
      title: step.title,
      path: step.path,
      // Quiet hours are resolved on the on-call side (it owns the preferences); the payload's channels are final.
      recipients: step.recipients.map((recipient) => ({
        userId: recipient.userId,
        channels: recipient.channels.length > 0 ? recipient.channels : DEFAULT_CHANNELS,
        notBefore: null,
      })),
    }),
  );
  if (result.queued > 0) outboxEnqueued();
  const unrouted = result.unrouted.map((pair) => pair.channel).join(",");
  return `queued ${result.queued}, already queued ${result.duplicates}${unrouted ? `, no channel for ${unrouted}` : ""}`;
};

import { withTransaction } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { escalationEndedPayload } from "../events/payloads.ts";
import { latestPagerdutyTrigger } from "./acknowledgement-repository.ts";
import { cancelPendingPages } from "./outbox-repository.ts";
import { outboxEnqueued } from "./outbox-wake.ts";
import { enqueueNotificationsIn } from "./service.ts";
import type { Severity } from "./types.ts";

// Consumer notifications.provider-sync: an escalation acknowledged or resolved stops the pages it still has in the
// outbox (queued or backing off), and, in the console, acknowledges or resolves the object's PagerDuty alert, so the
// responder's phone stops ringing too. Both happen in one transaction. The provider message goes through the outbox,
// which picks the alert's current generation key at send time and holds it until the alert's trigger went out. Its
// step is keyed on the trigger that opened the alert: a redelivered event, or several escalations of one object
// ending at once, send one action, not several.

export const syncProviderOnEscalationEnd: EventHandler = async (db, _context, event) => {
  const ended = escalationEndedPayload.parse(event.payload);
  const action = event.type === "EscalationAcknowledged" ? "acknowledge" : "resolve";
  const reason =
    action === "acknowledge"
      ? `escalation acknowledged via ${ended.via ?? "console"}`
      : "escalation resolved";
  // PagerDuty already knows about an acknowledgement that came from PagerDuty.
  const tellPagerduty = !(action === "acknowledge" && ended.via === "pagerduty");
  const result = await withTransaction(db, async (tx) => {
    const stopped = await cancelPendingPages(tx, {
      escalationId: event.aggregateId,
      objectType: ended.objectType,
      objectId: ended.objectId,
      reason,
    });
    // A trigger cancelled before it went out opened no alert: there is nothing to acknowledge for it.
    const paged = tellPagerduty ? await latestPagerdutyTrigger(tx, ended.objectType, ended.objectId) : null;
    if (!paged) return { stopped, sync: null };
    const sync = await enqueueNotificationsIn(tx, {
      objectType: ended.objectType,
      objectId: ended.objectId,
      escalationId: event.aggregateId,
      step: `provider-${action}:${paged.id}`,
      action,
      severity: paged.severity as Severity,
      title: paged.title,
      path: paged.path,
      recipients: [{ userId: null, channels: ["pagerduty"] }],
    });
    return { stopped, sync };
  });
  const stopped = `cancelled ${result.stopped.cancelled} pending, ${result.stopped.inFlight} already sending`;
  if (!tellPagerduty) return `acknowledged at PagerDuty: ${stopped}`;
  if (!result.sync) return `never paged via PagerDuty: ${stopped}`;
  if (result.sync.queued > 0) outboxEnqueued();
  return `${action}: queued ${result.sync.queued}, already queued ${result.sync.duplicates}; ${stopped}`;
};

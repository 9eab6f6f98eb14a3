import { withTransaction } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { opsReportGeneratedPayload } from "../events/payloads.ts";
import { outboxEnqueued } from "./outbox-wake.ts";
import { enqueueNotificationsIn } from "./service.ts";

// Consumer notifications.daily-report: a day's report snapshot was stored (OpsReportGenerated); each subscriber
// it names gets it by e-mail, titled in their language. Idempotent on the snapshot and day: a redelivered event
// finds its rows already queued.

const HEADING = { en: "Daily report", ja: "日次レポート" } as const;

export const emailDailyReport: EventHandler = async (db, _context, event) => {
  const snapshot = opsReportGeneratedPayload.parse(event.payload);
  const result = await withTransaction(db, async (tx) => {
    let queued = 0;
    let duplicates = 0;
    for (const locale of ["en", "ja"] as const) {
      const recipients = snapshot.recipients.filter((recipient) => recipient.locale === locale);
      if (recipients.length === 0) continue;
      const enqueued = await enqueueNotificationsIn(tx, {
        objectType: "report_snapshot",
        objectId: event.aggregateId,
        escalationId: null,
        step: `daily-report:${snapshot.day}`,
        action: "trigger",
        severity: "info",
        title: `${HEADING[locale]} ${snapshot.day}: ${snapshot.title[locale]}`,
        path: snapshot.path,
        recipients: recipients.map((recipient) => ({
          userId: recipient.userId,
          channels: ["email"],
          notBefore: null,
        })),
      });
      queued += enqueued.queued;
      duplicates += enqueued.duplicates;
    }
    return { queued, duplicates };
  });
  if (result.queued > 0) outboxEnqueued();
  return `queued ${result.queued}, already queued ${result.duplicates} of ${snapshot.recipients.length} subscribers`;
};

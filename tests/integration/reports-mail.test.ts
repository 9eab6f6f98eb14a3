import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { EventType } from "../../server/events/types.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { saveNotificationChannel } from "../../server/notifications/channel-service.ts";
import { emailDailyReport } from "../../server/notifications/daily-report-consumer.ts";
import { createTransport } from "../../server/notifications/transport.ts";
import { snapshotYesterday } from "../../server/reports/snapshot.ts";
import { dailyReportSubscription, setDailyReportSubscription } from "../../server/reports/subscription.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { startSmtpPeer, type SmtpPeer } from "../support/notification-peers.ts";
import { testOutboxWorker } from "../support/outbox-worker.ts";

// The daily report by e-mail, event-driven: the snapshot job names in each OpsReportGenerated the subscribers who
// may read that report; notifications.daily-report queues an e-mail for each, titled in their language, and the
// outbox sends it to a real local SMTP server. Redelivery queues nothing twice.

const db = getDb();
let smtp: SmtpPeer;
const transport = createTransport();
const worker = () => testOutboxWorker(transport);

beforeAll(async () => {
  smtp = await startSmtpPeer();
  const admin = await createUser(["admin"]);
  await db.notificationChannel.updateMany({ data: { enabled: false } });
  await saveNotificationChannel(db, userContext(admin, randomUUID()), {
    kind: "email",
    name: `reports-${randomUUID().slice(0, 8)}`,
    config: { host: "127.0.0.1", port: smtp.port, from: "Ops <reports@ops.example.com>" },
    secret: null,
    ratePerMinute: 6_000,
  });
});

afterAll(async () => {
  transport.close();
  await smtp.close();
});

const subscribe = (user: Awaited<ReturnType<typeof createUser>>, subscribed: boolean) =>
  setDailyReportSubscription(db, userContext(user, randomUUID()), { subscribed });

const mailTo = (email: string) =>
  smtp.messages.filter((m) => (m.to && "text" in m.to ? m.to.text : "").includes(email));

describe("daily report e-mail", () => {
  it("e-mails each subscriber the reports they may read, in their language, once", async () => {
    const lead = await createUser(["support_agent"]);
    await db.user.update({ where: { id: lead.id }, data: { locale: "ja" } });
    const risk = await createUser(["risk_manager"]);
    const quiet = await createUser(["support_agent"]);
    const changedMind = await createUser(["support_agent"]);
    const gone = await createUser(["support_agent"]);
    await subscribe(lead, true);
    await subscribe(lead, true); // turning it on twice is one subscription
    await subscribe(risk, true);
    await subscribe(changedMind, true);
    await subscribe(changedMind, false);
    await subscribe(gone, true);
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    expect(await dailyReportSubscription(db, userContext(lead, "t"))).toEqual({ subscribed: true });
    expect(await dailyReportSubscription(db, userContext(changedMind, "t"))).toEqual({ subscribed: false });

    // A day no other test touches.
    const now = new Date(Date.UTC(2036, 0, 1 + Math.floor(Math.random() * 3000), 6, 30));
    const { day } = await snapshotYesterday(
      db,
      systemContext("reports.daily-snapshot", { clock: fixedClock(now) }),
    );
    while ((await drain("notifications.daily-report")) > 0);
    await worker().drain();

    const subjects = (email: string) =>
      mailTo(email)
        .map((m) => m.subject)
        .sort();
    expect(subjects(lead.email)).toEqual([
      `[情報] 日次レポート ${day}: SLA遵守率`,
      `[情報] 日次レポート ${day}: バックログと経過`,
      `[情報] 日次レポート ${day}: ワークフローのステップと承認`,
    ]);
    expect(subjects(risk.email)).toEqual([
      `[Info] Daily report ${day}: Risk handling time`,
      `[Info] Daily report ${day}: Workflow steps and approvals`,
    ]);
    for (const user of [quiet, changedMind, gone]) expect(mailTo(user.email)).toEqual([]);
    const sla = mailTo(lead.email).find((m) => m.subject?.includes("SLA"));
    expect(sla?.html).toContain(
      `https://ops.example.com/reports?report=ticket-sla&amp;from=${day}&amp;to=${day}`,
    );

    // Redelivered: the handler runs again on every stored event and queues nothing.
    const events = await db.domainEvent.findMany({
      where: { type: "OpsReportGenerated", payload: { path: ["day"], equals: day } },
    });
    expect(events).toHaveLength(6);
    for (const event of events) {
      const note = await emailDailyReport(db, systemContext("notifications.daily-report"), {
        ...event,
        type: event.type as EventType,
        id: event.id,
      });
      expect(note).toMatch(/^queued 0,/);
    }
  });
});

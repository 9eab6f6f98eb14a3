import { getDb } from "../db/client.ts";
import { escalateOverdueRiskCases } from "../risk/escalate.ts";
import { runSlaSweep } from "../tickets/sla-sweep.ts";
import { systemContext } from "../lib/service-context.ts";
import { evaluateAllAlerts } from "../alerts/service.ts";
import { runOncallClock } from "../oncall/clock.ts";
import { pruneDeliveredNotifications } from "../notifications/outbox-service.ts";
import { applyRetention } from "../retention/service.ts";
import { env } from "../lib/env.ts";
import { snapshotYesterday } from "../reports/snapshot.ts";
import { DEMO_FEED_EVERY_MS, demoFeedEnabled, runDemoFeed } from "../seed/demo-feed.ts";
import { runDemoHubFeed } from "../seed/demo-hub-feed.ts";
import { checkSourceSilence, SILENCE_CHECK_EVERY_MS } from "../hub/admin/silence.ts";
import { runWorkflowClock } from "../workflows/bindings/clock.ts";
import { runWorkflowSlaSweep } from "../workflows/sla/sweep.ts";
import { runIncidentResponseSweep } from "../incidents/response-sweep.ts";

export interface ScheduledJob {
  /** Also the name in logs; match the cron route's name. */
  name: string;
  everyMs: number;
  /** Returns a JSON summary for the log line. Must be idempotent: cron routes may run it at the same time. */
  run: (correlationId: string) => Promise<object>;
}

// The jobs the in-process scheduler runs (IN_PROCESS_JOBS=on); each is also POST /api/cron/<name> for external
// schedulers (app/api/cron/[job]). Add a job with one entry here.
export const JOBS: readonly ScheduledJob[] = [
  {
    name: "sla-sweep",
    everyMs: 60_000,
    run: (correlationId) => runSlaSweep(getDb(), systemContext("sla-sweep", { correlationId })),
  },
  {
    name: "risk-escalation",
    everyMs: 60_000,
    run: (correlationId) =>
      escalateOverdueRiskCases(getDb(), systemContext("risk-escalation", { correlationId })),
  },
  {
    // Escalation steps and first-response checks: durable timers in the database, so a run after a restart
    // fires what fell due meanwhile, once.
    name: "oncall.escalations",
    everyMs: 30_000,
    run: (correlationId) => runOncallClock(getDb(), systemContext("oncall.escalations", { correlationId })),
  },
  {
    // Workflow steps' SLAs: reminders at 75 %, escalations at 100 %, each once (the claim sets its mark).
    name: "workflows.sla-sweep",
    everyMs: 60_000,
    run: (correlationId) =>
      runWorkflowSlaSweep(getDb(), systemContext("workflows.sla-sweep", { correlationId })),
  },
  {
    // Incidents past their acknowledgement or mitigation target are escalated, each target once.
    name: "incidents.response-sweep",
    everyMs: 60_000,
    run: (correlationId) =>
      runIncidentResponseSweep(getDb(), systemContext("incidents.response-sweep", { correlationId })),
  },
  {
    // Held conditions (a city recovered for N minutes) and timers finish their workflow steps.
    name: "workflows.clock",
    everyMs: 30_000,
    run: (correlationId) => runWorkflowClock(getDb(), systemContext("workflows.clock", { correlationId })),
  },
  {
    name: "hub.source-silence",
    everyMs: SILENCE_CHECK_EVERY_MS,
    run: (correlationId) =>
      checkSourceSilence(getDb(), systemContext("hub.source-silence", { correlationId })),
  },
  {
    name: "alerts.evaluate",
    everyMs: 60_000,
    run: (correlationId) => evaluateAllAlerts(getDb(), systemContext("alerts.evaluate", { correlationId })),
  },
  {
    name: "retention.archive",
    everyMs: 24 * 3_600_000,
    run: (correlationId) =>
      applyRetention(getDb(), systemContext("retention.archive", { correlationId }), {
        archiveDir: env.ARCHIVE_DIR,
      }),
  },
  {
    // Delivered outbox rows past their keeping time, in chunks (unread in-app notifications stay).
    name: "notifications.prune",
    everyMs: 6 * 3_600_000,
    run: (correlationId) =>
      pruneDeliveredNotifications(getDb(), systemContext("notifications.prune", { correlationId })),
  },
  // Hourly, though it stores each day once: a process down at midnight still snapshots yesterday when it is back.
  {
    name: "reports.daily-snapshot",
    everyMs: 3_600_000,
    run: (correlationId) =>
      snapshotYesterday(getDb(), systemContext("reports.daily-snapshot", { correlationId })),
  },
  // Demo data only: fresh city readings and other units' events every few seconds while the console runs on its
  // embedded database.
  ...(demoFeedEnabled()
    ? [
        {
          name: "cities.demo-feed",
          everyMs: DEMO_FEED_EVERY_MS,
          run: (correlationId: string) =>
            runDemoFeed(getDb(), systemContext("cities.demo-feed", { correlationId })),
        },
        // The other platform units' events, through the event hub's own edge.
        {
          name: "hub.demo-feed",
          everyMs: DEMO_FEED_EVERY_MS,
          run: () => runDemoHubFeed(getDb(), new Date()),
        },
      ]
    : []),
];

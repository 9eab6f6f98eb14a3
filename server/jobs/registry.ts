import { getDb } from "../db/client.ts";
import { escalateOverdueRiskCases } from "../risk/escalate.ts";
import { runSlaSweep } from "../tickets/sla-sweep.ts";
import { systemContext } from "../lib/service-context.ts";
import { evaluateAllAlerts } from "../alerts/service.ts";
import { pruneDeliveredEvents } from "../backbone/service.ts";
import { pruneRawIndicators } from "../indicators/retention.ts";
import { DEMO_FEED_EVERY_MS, demoFeedEnabled, runDemoFeed } from "../seed/demo-feed.ts";
import { checkSourceSilence, SILENCE_CHECK_EVERY_MS } from "../hub/admin/silence.ts";

export interface ScheduledJob {
  /** Also the name in logs; match the cron route's name. */
  name: string;
  everyMs: number;
  /** Returns a JSON summary for the log line. Must be idempotent: cron routes may run it at the same time. */
  run: (correlationId: string) => Promise<object>;
}

// The jobs the in-process scheduler runs (IN_PROCESS_JOBS=on); each also has a route under /api/cron for
// external schedulers. Add a job with one entry here.
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
    name: "cities.retention",
    everyMs: 6 * 3_600_000,
    run: (correlationId) => pruneRawIndicators(getDb(), systemContext("cities.retention", { correlationId })),
  },
  {
    name: "backbone.prune",
    everyMs: 6 * 3_600_000,
    run: (correlationId) => pruneDeliveredEvents(getDb(), systemContext("backbone.prune", { correlationId })),
  },
  // Demo data only: fresh city readings every few seconds while the console runs on its embedded database.
  ...(demoFeedEnabled()
    ? [
        {
          name: "cities.demo-feed",
          everyMs: DEMO_FEED_EVERY_MS,
          run: (correlationId: string) =>
            runDemoFeed(getDb(), systemContext("cities.demo-feed", { correlationId })),
        },
      ]
    : []),
];

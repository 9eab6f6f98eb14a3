import { evaluateAllAlerts } from "../alerts/service.ts";
import { getDb } from "../db/client.ts";
import { pruneRawIndicators } from "../indicators/retention.ts";
import type { ScheduledJob } from "../jobs/registry.ts";
import { systemContext } from "../lib/service-context.ts";
import { DEMO_FEED_EVERY_MS, demoFeedEnabled, runDemoFeed } from "./demo-feed.ts";

// The city board's scheduled jobs; each but the demo feed also has a route under /api/cron/alerts.
export const CITY_JOBS: readonly ScheduledJob[] = [
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

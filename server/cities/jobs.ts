import { evaluateAllAlerts } from "../alerts/service.ts";
import { getDb } from "../db/client.ts";
import type { ScheduledJob } from "../jobs/registry.ts";
import { DEMO_FEED_EVERY_MS, demoFeedEnabled, runDemoFeed } from "./demo-feed.ts";
import { pruneRawIndicators } from "./retention.ts";

// The city board's scheduled jobs; each but the demo feed also has a route under /api/cron/alerts.
export const CITY_JOBS: readonly ScheduledJob[] = [
  { name: "alerts.evaluate", everyMs: 60_000, run: (id) => evaluateAllAlerts(getDb(), new Date(), id) },
  {
    name: "cities.retention",
    everyMs: 6 * 3_600_000,
    run: (id) => pruneRawIndicators(getDb(), new Date(), id),
  },
  ...(demoFeedEnabled()
    ? [
        {
          name: "cities.demo-feed",
          everyMs: DEMO_FEED_EVERY_MS,
          run: (id: string) => runDemoFeed(getDb(), id),
        },
      ]
    : []),
];

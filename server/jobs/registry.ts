import { getDb } from "../db/client.ts";
import { escalateOverdueRiskCases } from "../risk/escalate.ts";
import { runSlaSweep } from "../tickets/sla-sweep.ts";
import { systemContext } from "../lib/service-context.ts";
import { CITY_JOBS } from "../cities/jobs.ts";
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
  ...CITY_JOBS,
];

import { getDb } from "../db/client.ts";
import packageJson from "../../package.json" with { type: "json" };
import { sessionTimeZone } from "./health-repository.ts";
import { checkMigrations } from "./migration-readiness.ts";
import { registerReadinessCheck, runReadinessChecks, type CheckResult } from "./readiness-checks.ts";

// Liveness says the process answers (restart it if not); readiness says it can serve (route traffic to it only if
// so). Neither ever names a URL, host or secret.

interface LivenessReport {
  status: "ok";
  version: string;
  uptimeSeconds: number;
}

interface ReadinessReport {
  status: "ok" | "degraded";
  version: string;
  checks: Record<string, CheckResult>;
  checkedAt: string;
}

// A session not in UTC (a pooler that dropped the app's startup option, a URL overriding it) would compare the
// stored UTC times with now() hours off: not ready, and the detail says why.
registerReadinessCheck("database", async () => {
  const timeZone = await sessionTimeZone(getDb());
  return { ok: timeZone === "UTC", detail: { sessionTimeZone: timeZone } };
});
registerReadinessCheck("migrations", () => checkMigrations(getDb()));

/** No I/O, so it stays cheap and true while the database is down. */
function liveness(): LivenessReport {
  return { status: "ok", version: packageJson.version, uptimeSeconds: Math.floor(process.uptime()) };
}

// Load balancers poll readiness constantly: callers that arrive while a run is in flight share its answer,
// so the checks hold at most one pooled connection however often they are asked.
let inFlight: Promise<ReadinessReport> | null = null;

async function runReadiness(): Promise<ReadinessReport> {
  const checks = await runReadinessChecks();
  return {
    status: Object.values(checks).every((check) => check.ok) ? "ok" : "degraded",
    version: packageJson.version,
    checks,
    checkedAt: new Date().toISOString(),
  };
}

function readiness(): Promise<ReadinessReport> {
  inFlight ??= runReadiness().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const NO_STORE = { "Cache-Control": "no-store" };

export function livenessResponse(): Response {
  return Response.json(liveness(), { headers: NO_STORE });
}

/** 200 when every check passes, 503 otherwise. */
export async function readinessResponse(): Promise<Response> {
  const report = await readiness();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: NO_STORE });
}

import { migrationStatus } from "../db/migrate.ts";
import packageJson from "../../package.json" with { type: "json" };

export interface HealthReport {
  status: "ok" | "degraded";
  version: string;
  database: { reachable: boolean };
  migrations: { applied: number; pending: number; latest: string | null } | null;
  checkedAt: string;
}

/** Reachability, migration state and version only: never a URL, host or secret. */
export async function checkHealth(databaseUrl: string | undefined): Promise<HealthReport> {
  const base = { version: packageJson.version, checkedAt: new Date().toISOString() };
  if (!databaseUrl) return { ...base, status: "degraded", database: { reachable: false }, migrations: null };
  try {
    const status = await migrationStatus(databaseUrl);
    return {
      ...base,
      status: status.pending.length === 0 ? "ok" : "degraded",
      database: { reachable: true },
      migrations: { applied: status.applied, pending: status.pending.length, latest: status.latest },
    };
  } catch {
    return { ...base, status: "degraded", database: { reachable: false }, migrations: null };
  }
}

import type { Db } from "../../db/client.ts";
import { requirePermission, type ServiceContext } from "../../lib/service-context.ts";
import { listSources } from "../sources-repository.ts";
import type { DeadLetterRow, DeadLettersFilter, HubOverview, SourceView } from "./contract.ts";
import {
  backlog,
  listReplayable,
  refusalsSince,
  windowStats,
  type BacklogRow,
  type InboxRow,
} from "./queries.ts";

// What an admin sees of the hub: each source's flow and backlog, and the events it gave up on.

const perMinute = (count: number, minutes: number) => Math.round((count / minutes) * 100) / 100;

function backlogOf(rows: readonly BacklogRow[], now: Date) {
  const byStatus: Record<string, number> = {};
  const failuresByClass: Record<string, number> = {};
  // Lag: how long the longest-waiting due row has been due, so a replayed old event or a resume reads as none.
  let oldestPending: Date | null = null;
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
    // Dead letters and events still retrying both count as failures of their class.
    if (row.failureClass)
      failuresByClass[row.failureClass] = (failuresByClass[row.failureClass] ?? 0) + row.count;
    const due = row.status === "pending" ? row.oldestDueAt : null;
    if (due && (!oldestPending || due < oldestPending)) oldestPending = due;
  }
  const lagSeconds = oldestPending
    ? Math.max(0, Math.round((now.getTime() - oldestPending.getTime()) / 1000))
    : 0;
  return { byStatus, failuresByClass, lagSeconds };
}

export async function hubOverview(db: Db, context: ServiceContext): Promise<HubOverview> {
  requirePermission(context, "events:manage");
  const now = context.clock.now();
  const sources = await listSources(db, now);
  const [windows, waiting, refused] = await Promise.all([
    windowStats(
      db,
      sources.map((source) => source.key),
      now,
    ),
    backlog(db),
    // The edge's refusals of the last day (bad signatures) count as failures of their class too.
    refusalsSince(db, new Date(now.getTime() - 24 * 3_600_000)),
  ]);
  const views = sources.map((source): SourceView => {
    const window = windows.get(source.key);
    const { byStatus, failuresByClass, lagSeconds } = backlogOf(
      waiting.filter((row) => row.source === source.key),
      now,
    );
    for (const row of refused.filter((r) => r.source === source.key))
      failuresByClass[row.failureClass] = (failuresByClass[row.failureClass] ?? 0) + row.count;
    const lastEventAt = [source.lastEventAt, window?.lastEventAt ?? null].reduce<Date | null>(
      (latest, at) => (at && (!latest || at > latest) ? at : latest),
      null,
    );
    return {
      key: source.key as SourceView["key"],
      name: source.name,
      status: source.status === "paused" ? "paused" : "active",
      silenceAfterSeconds: source.silenceAfterSeconds,
      silentSince: source.silentSince,
      lastEventAt,
      perMinute15m: perMinute(window?.last15m ?? 0, 15),
      perMinute24h: perMinute(window?.last24h ?? 0, 24 * 60),
      lagSeconds,
      byStatus: { routed: window?.routed24h ?? 0, unrouted: window?.unrouted24h ?? 0, ...byStatus },
      failuresByClass,
      activeSecrets: source.activeSecrets,
      nextSecretExpiry: source.nextSecretExpiry,
    };
  });
  return { sources: views, at: now };
}

function toDeadLetterRow(row: InboxRow): DeadLetterRow {
  return {
    receiptId: row.receiptId,
    seq: row.seq.toString(),
    source: row.source,
    eventId: row.eventId,
    type: row.type,
    dataVersion: row.dataVersion,
    status: row.status,
    attempts: row.attempts,
    failureClass: row.failureClass,
    lastError: row.lastError,
    receivedAt: row.receivedAt,
    processedAt: row.processedAt,
    payloadPreview: row.payloadPreview,
  };
}

export async function listDeadLetters(
  db: Db,
  context: ServiceContext,
  filter: DeadLettersFilter,
): Promise<{ rows: DeadLetterRow[] }> {
  requirePermission(context, "events:manage");
  return { rows: (await listReplayable(db, filter)).map(toDeadLetterRow) };
}

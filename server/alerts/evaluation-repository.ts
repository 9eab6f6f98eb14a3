import type { Tx } from "../db/transaction.ts";
import { uuid7 } from "../events/uuid7.ts";
import type { AlertInstance } from "./evaluator.ts";
import type { StoredAlert } from "./repository.ts";

// An evaluation pass's writes, set-based: every open alert is touched on every pass (lastEvaluatedAt, and
// lastBreachAt while breaching), so one statement per kind of change instead of one per alert.

export interface AlertChanges {
  inserts: AlertInstance[];
  updates: { previous: StoredAlert; next: AlertInstance }[];
  deletes: StoredAlert[];
}

const ms = (date: Date | null) => (date === null ? null : date.getTime());

/** Applies the changes; returns the stored alerts, minus updates and deletes that lost a version race. */
export async function applyAlertChanges(tx: Tx, changes: AlertChanges): Promise<Map<string, StoredAlert>> {
  const stored = new Map<string, StoredAlert>();
  if (changes.inserts.length > 0) {
    const rows = changes.inserts.map((alert) => ({
      ...alert,
      id: uuid7(alert.pendingSince.getTime()),
      version: 1,
    }));
    await tx.alert.createMany({ data: rows });
    for (const row of rows) stored.set(`${row.ruleId}:${row.cityId}`, row);
  }
  if (changes.updates.length > 0) {
    const u = changes.updates;
    const done = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Alert" a
         SET state = u.state::"AlertState", "openKey" = u.open_key, value = u.value,
             "firedAt" = to_timestamp(u.fired / 1000) AT TIME ZONE 'UTC',
             "lastBreachAt" = to_timestamp(u.breach / 1000) AT TIME ZONE 'UTC',
             "resolvedAt" = to_timestamp(u.resolved / 1000) AT TIME ZONE 'UTC',
             "silencedUntil" = to_timestamp(u.silenced / 1000) AT TIME ZONE 'UTC',
             "silencedById" = u.silenced_by,
             "lastEvaluatedAt" = to_timestamp(u.evaluated / 1000) AT TIME ZONE 'UTC',
             version = a.version + 1
        FROM unnest(${u.map((c) => c.previous.id)}::uuid[], ${u.map((c) => c.previous.version)}::int[],
                    ${u.map((c) => c.next.state)}::text[], ${u.map((c) => c.next.openKey)}::text[],
                    ${u.map((c) => c.next.value)}::float8[], ${u.map((c) => ms(c.next.firedAt))}::float8[],
                    ${u.map((c) => ms(c.next.lastBreachAt))}::float8[], ${u.map((c) => ms(c.next.resolvedAt))}::float8[],
                    ${u.map((c) => ms(c.next.silencedUntil))}::float8[], ${u.map((c) => c.next.silencedById)}::uuid[],
                    ${u.map((c) => c.next.lastEvaluatedAt.getTime())}::float8[])
             AS u(id, version, state, open_key, value, fired, breach, resolved, silenced, silenced_by, evaluated)
       WHERE a.id = u.id AND a.version = u.version
      RETURNING a.id::text`;
    const updated = new Set(done.map((row) => row.id));
    for (const { previous, next } of u) {
      if (updated.has(previous.id)) {
        stored.set(`${next.ruleId}:${next.cityId}`, {
          ...next,
          id: previous.id,
          version: previous.version + 1,
        });
      }
    }
  }
  if (changes.deletes.length > 0) {
    const d = changes.deletes;
    await tx.$executeRaw`
      DELETE FROM "Alert" a USING unnest(${d.map((x) => x.id)}::uuid[], ${d.map((x) => x.version)}::int[]) AS d(id, version)
       WHERE a.id = d.id AND a.version = d.version`;
  }
  return stored;
}

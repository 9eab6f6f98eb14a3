import type { Queryable, Tx } from "../db/transaction.ts";

// The event sources and their signing secrets. Only this file reads or writes EventSource and EventSourceSecret.

export interface SourceRow {
  key: string;
  name: string;
  status: string;
  silenceAfterSeconds: number;
  lastEventAt: Date | null;
  silentSince: Date | null;
  activeSecrets: number;
  nextSecretExpiry: Date | null;
}

/** Every source with how many of its secrets verify at `now` and when the first of them stops. */
export async function listSources(db: Queryable, now: Date): Promise<SourceRow[]> {
  const rows = await db.eventSource.findMany({
    orderBy: { key: "asc" },
    select: {
      key: true,
      name: true,
      status: true,
      silenceAfterSeconds: true,
      lastEventAt: true,
      silentSince: true,
      secrets: {
        where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        select: { expiresAt: true },
      },
    },
  });
  return rows.map(({ secrets, ...row }) => {
    const expiries = secrets.flatMap((secret) => (secret.expiresAt ? [secret.expiresAt.getTime()] : []));
    return {
      ...row,
      activeSecrets: secrets.length,
      nextSecretExpiry: expiries.length > 0 ? new Date(Math.min(...expiries)) : null,
    };
  });
}

/** The secrets that verify a source's signatures at `now`: several during a rotation's overlap. */
export async function activeSecrets(
  db: Queryable,
  sourceKey: string,
  now: Date,
): Promise<{ id: string; secret: string }[]> {
  return db.eventSourceSecret.findMany({
    where: { sourceKey, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, secret: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Sets the status unless it already is that; false when nothing changed. Locks the row for the transaction. */
export async function setSourceStatus(tx: Tx, key: string, status: "active" | "paused"): Promise<boolean> {
  const { count } = await tx.eventSource.updateMany({
    where: { key, status: { not: status } },
    data: { status },
  });
  return count === 1;
}

export async function sourceExists(db: Queryable, key: string): Promise<boolean> {
  return (await db.eventSource.count({ where: { key } })) === 1;
}

/**
 * A new secret for the source; the ones active before it stop verifying at `overlapEndsAt` (or earlier, when a
 * previous rotation already set an earlier end). Returns the new secret's id and the previous secrets' end.
 */
export async function rotateSecret(
  tx: Tx,
  key: string,
  secret: string,
  now: Date,
  overlapEndsAt: Date,
): Promise<{ id: string; previousExpireAt: Date | null }> {
  const previous = await tx.eventSourceSecret.findMany({
    where: { sourceKey: key, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, expiresAt: true },
  });
  for (const row of previous) {
    if (row.expiresAt && row.expiresAt <= overlapEndsAt) continue;
    await tx.eventSourceSecret.update({ where: { id: row.id }, data: { expiresAt: overlapEndsAt } });
  }
  const created = await tx.eventSourceSecret.create({
    data: { sourceKey: key, secret, createdAt: now },
    select: { id: true },
  });
  return { id: created.id, previousExpireAt: previous.length > 0 ? overlapEndsAt : null };
}

export interface SilenceChange {
  key: string;
  lastEventAt: Date | null;
  silentSince: Date;
}

/**
 * Brings each source's lastEventAt up to its newest inbox row (the edge does not touch the source row on every
 * event, which would serialise the inserts on it), then marks the sources silent for longer than their limit and
 * clears those that have heard again. Returns the two lists of changes.
 */
export async function updateSilence(
  tx: Tx,
  now: Date,
): Promise<{ silent: SilenceChange[]; resumed: SilenceChange[] }> {
  await tx.$executeRaw`
    UPDATE "EventSource" s SET "lastEventAt" = latest.at, "updatedAt" = ${now}
      FROM (SELECT e.key, (SELECT max(i."receivedAt") FROM "InboundEvent" i WHERE i.source = e.key) AS at
              FROM "EventSource" e) latest
     WHERE s.key = latest.key AND latest.at IS NOT NULL
       AND (s."lastEventAt" IS NULL OR latest.at > s."lastEventAt")`;
  const silent = await tx.$queryRaw<SilenceChange[]>`
    UPDATE "EventSource" SET "silentSince" = ${now}, "updatedAt" = ${now}
     WHERE "silentSince" IS NULL
       AND COALESCE("lastEventAt", "createdAt") < ${now}::timestamp - "silenceAfterSeconds" * interval '1 second'
    RETURNING key, "lastEventAt", "silentSince"`;
  const resumed = await tx.$queryRaw<SilenceChange[]>`
    WITH was AS (
      SELECT key, "silentSince" FROM "EventSource"
       WHERE "silentSince" IS NOT NULL
         AND "lastEventAt" >= ${now}::timestamp - "silenceAfterSeconds" * interval '1 second'
       FOR UPDATE)
    UPDATE "EventSource" s SET "silentSince" = NULL, "updatedAt" = ${now}
      FROM was WHERE s.key = was.key
    RETURNING s.key, s."lastEventAt", was."silentSince"`;
  return { silent, resumed };
}

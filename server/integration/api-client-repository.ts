import type { Db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { ApiClientSummary } from "./api-client-contract.ts";

/** An enabled, unexpired client with the secrets it accepts now (the previous one during its overlap). */
export async function findActiveClient(db: Db, clientId: string, now: Date) {
  return db.apiClient.findFirst({
    where: { clientId, disabledAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: {
      id: true,
      clientId: true,
      name: true,
      secretHash: true,
      previousSecretHash: true,
      previousSecretExpiresAt: true,
      scopes: true,
    },
  });
}

// Last use is kept to the minute: a busy client writes its row once a minute, not on every call.
const LAST_USED_RESOLUTION_MS = 60_000;

export async function touchClientLastUsed(db: Db, id: string, now: Date): Promise<void> {
  await db.apiClient.updateMany({
    where: {
      id,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
    },
    data: { lastUsedAt: now },
  });
}

export async function insertAccessToken(
  db: Db,
  token: { tokenHash: string; clientId: string; scopes: string[]; expiresAt: Date },
): Promise<void> {
  await db.apiAccessToken.create({ data: token });
}

export async function findLiveToken(db: Db, tokenHash: string, now: Date) {
  return db.apiAccessToken.findFirst({
    where: {
      tokenHash,
      expiresAt: { gt: now },
      client: { disabledAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    },
    select: {
      scopes: true,
      client: { select: { id: true, clientId: true, name: true, eventSources: true } },
    },
  });
}

// Everything an admin may see of a client; never the secret hash.
const summarySelect = (now: Date) =>
  ({
    id: true,
    clientId: true,
    name: true,
    scopes: true,
    eventSources: true,
    createdAt: true,
    disabledAt: true,
    expiresAt: true,
    lastUsedAt: true,
    previousSecretExpiresAt: true,
    _count: { select: { tokens: { where: { expiresAt: { gt: now } } } } },
  }) satisfies Prisma.ApiClientSelect;

type SummaryRow = Prisma.ApiClientGetPayload<{ select: ReturnType<typeof summarySelect> }>;

function toSummary({ _count, ...row }: SummaryRow, now: Date): ApiClientSummary {
  const stopped = row.disabledAt !== null || (row.expiresAt !== null && row.expiresAt <= now);
  return { ...row, liveTokens: stopped ? 0 : _count.tokens };
}

export async function listApiClients(db: Db, now: Date): Promise<ApiClientSummary[]> {
  const rows = await db.apiClient.findMany({
    select: summarySelect(now),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => toSummary(row, now));
}

export async function insertApiClient(
  tx: Prisma.TransactionClient,
  client: {
    clientId: string;
    name: string;
    secretHash: string;
    scopes: string[];
    eventSources: string[];
    expiresAt: Date | null;
  },
  now: Date,
): Promise<ApiClientSummary> {
  return toSummary(await tx.apiClient.create({ data: client, select: summarySelect(now) }), now);
}

export async function findApiClientSummary(
  tx: Prisma.TransactionClient,
  id: string,
  now: Date,
): Promise<ApiClientSummary | null> {
  const row = await tx.apiClient.findUnique({ where: { id }, select: summarySelect(now) });
  return row ? toSummary(row, now) : null;
}

/** Sets disabledAt unless already set; false when another request got there first. */
export async function markApiClientDisabled(
  tx: Prisma.TransactionClient,
  id: string,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.apiClient.updateMany({
    where: { id, disabledAt: null },
    data: { disabledAt: now },
  });
  return count === 1;
}

/** Locks the client's row for a rotation; null when no client has this id. */
export async function lockClientSecret(tx: Prisma.TransactionClient, id: string) {
  const rows = await tx.$queryRaw<{ secretHash: string }[]>`
    SELECT "secretHash" FROM "ApiClient" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** Makes `secretHash` the secret and keeps the old one accepted until `previousUntil` (null: not at all). */
export async function replaceClientSecret(
  tx: Prisma.TransactionClient,
  id: string,
  rotation: { secretHash: string; previousSecretHash: string; previousUntil: Date | null },
): Promise<void> {
  await tx.apiClient.update({
    where: { id },
    data: {
      secretHash: rotation.secretHash,
      previousSecretHash: rotation.previousUntil ? rotation.previousSecretHash : null,
      previousSecretExpiresAt: rotation.previousUntil,
    },
  });
}

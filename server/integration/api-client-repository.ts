import type { Db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { ApiClientSummary } from "./api-client-contract.ts";

export async function findActiveClient(db: Db, clientId: string) {
  return db.apiClient.findFirst({
    where: { clientId, disabledAt: null },
    select: { id: true, clientId: true, name: true, secretHash: true, scopes: true },
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
    where: { tokenHash, expiresAt: { gt: now }, client: { disabledAt: null } },
    select: { scopes: true, client: { select: { id: true, clientId: true, name: true } } },
  });
}

// Everything an admin may see of a client; never the secret hash.
const summarySelect = (now: Date) =>
  ({
    id: true,
    clientId: true,
    name: true,
    scopes: true,
    createdAt: true,
    disabledAt: true,
    _count: { select: { tokens: { where: { expiresAt: { gt: now } } } } },
  }) satisfies Prisma.ApiClientSelect;

type SummaryRow = Prisma.ApiClientGetPayload<{ select: ReturnType<typeof summarySelect> }>;

function toSummary({ _count, ...row }: SummaryRow): ApiClientSummary {
  return { ...row, liveTokens: row.disabledAt ? 0 : _count.tokens };
}

export async function listApiClients(db: Db, now: Date): Promise<ApiClientSummary[]> {
  const rows = await db.apiClient.findMany({
    select: summarySelect(now),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toSummary);
}

export async function insertApiClient(
  tx: Prisma.TransactionClient,
  client: { clientId: string; name: string; secretHash: string; scopes: string[] },
  now: Date,
): Promise<ApiClientSummary> {
  return toSummary(await tx.apiClient.create({ data: client, select: summarySelect(now) }));
}

export async function findApiClientSummary(
  tx: Prisma.TransactionClient,
  id: string,
  now: Date,
): Promise<ApiClientSummary | null> {
  const row = await tx.apiClient.findUnique({ where: { id }, select: summarySelect(now) });
  return row ? toSummary(row) : null;
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

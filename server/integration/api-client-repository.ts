import type { Db } from "../db/client.ts";

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

import { randomBytes } from "node:crypto";
import { getDb } from "../../server/db/client.ts";
import { sha256Hex } from "../../server/auth/hash.ts";
import type { Role } from "../../server/auth/permissions.ts";
import type { SessionUser } from "../../server/auth/repository.ts";

const unique = () => randomBytes(4).toString("hex");

export async function createUser(roles: Role[], permissions: string[] = []): Promise<SessionUser> {
  const email = `user-${unique()}@fixtures.test`;
  const row = await getDb().user.create({
    data: { email, name: `Fixture ${email}`, passwordHash: "unused", roles, permissions },
  });
  return {
    id: row.id,
    email,
    name: row.name,
    roles,
    permissions,
    teamId: null,
    leadsTeam: false,
    locale: "en",
  };
}

export async function createApiClient(scopes: string[]) {
  const clientId = `client-${unique()}`;
  const clientSecret = `secret-${unique()}-${unique()}`;
  await getDb().apiClient.create({
    data: { clientId, name: clientId, secretHash: sha256Hex(clientSecret), scopes },
  });
  return { clientId, clientSecret };
}

import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { authenticateBearer, issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { callerFor } from "../support/alerts.ts";
import { createUser } from "../support/fixtures.ts";

const db = getDb();
const HOUR = 60 * 60 * 1000;

async function adminCaller() {
  return callerFor(await createUser(["admin"]));
}

const tokenFor = (clientId: string, clientSecret: string, now = new Date()) =>
  issueClientCredentialsToken(db, { clientId, clientSecret, scope: null }, now);

describe("API client lifecycle", () => {
  it("expires: no token after expiresAt, and issued tokens stop working", async () => {
    const api = await adminCaller();
    const { client, clientSecret } = await api.apiClients.create({
      name: "Expiring partner",
      scopes: ["tickets:read"],
      expiresInDays: 30,
    });
    expect(client.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * HOUR);
    const { access_token } = await tokenFor(client.clientId, clientSecret);
    const afterExpiry = new Date(client.expiresAt!.getTime() + 1000);
    await expect(tokenFor(client.clientId, clientSecret, afterExpiry)).rejects.toMatchObject({
      error: "invalid_client",
    });
    await expect(
      authenticateBearer(db, `Bearer ${access_token}`, "tickets:read", afterExpiry),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("records the last use, to the minute", async () => {
    const api = await adminCaller();
    const { client, clientSecret } = await api.apiClients.create({
      name: "Used partner",
      scopes: ["tickets:read"],
    });
    expect(client.lastUsedAt).toBeNull();
    const { access_token } = await tokenFor(client.clientId, clientSecret);
    const first = (await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await authenticateBearer(
      db,
      `Bearer ${access_token}`,
      "tickets:read",
      new Date(first!.getTime() + 30_000),
    );
    expect((await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt).toEqual(first);
    const later = new Date(first!.getTime() + 2 * 60_000);
    await authenticateBearer(db, `Bearer ${access_token}`, "tickets:read", later);
    expect((await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt).toEqual(later);
  });

  it("rotates the secret: the old one works through the overlap window, then only the new one", async () => {
    const api = await adminCaller();
    const created = await api.apiClients.create({ name: "Rotating partner", scopes: ["tickets:read"] });
    const rotated = await api.apiClients.rotateSecret({ id: created.client.id, overlapHours: 2 });
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    expect(rotated.client.previousSecretExpiresAt?.getTime()).toBeGreaterThan(Date.now() + HOUR);
    const { clientId } = created.client;
    await expect(tokenFor(clientId, created.clientSecret)).resolves.toMatchObject({ token_type: "Bearer" });
    await expect(tokenFor(clientId, rotated.clientSecret)).resolves.toMatchObject({ token_type: "Bearer" });
    const afterOverlap = new Date(Date.now() + 3 * HOUR);
    await expect(tokenFor(clientId, created.clientSecret, afterOverlap)).rejects.toMatchObject({
      error: "invalid_client",
    });
    await expect(tokenFor(clientId, rotated.clientSecret, afterOverlap)).resolves.toBeDefined();
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: created.client.id, action: "ApiClientSecretRotated" },
    });
    expect(JSON.stringify(audit.details)).not.toContain(rotated.clientSecret);
  });

  it("rotates with no overlap: the old secret stops at once; a disabled client cannot rotate", async () => {
    const api = await adminCaller();
    const created = await api.apiClients.create({ name: "Compromised partner", scopes: ["tickets:read"] });
    const rotated = await api.apiClients.rotateSecret({ id: created.client.id, overlapHours: 0 });
    expect(rotated.client.previousSecretExpiresAt).toBeNull();
    await expect(tokenFor(created.client.clientId, created.clientSecret)).rejects.toMatchObject({
      error: "invalid_client",
    });
    await api.apiClients.disable({ id: created.client.id });
    await expect(
      api.apiClients.rotateSecret({ id: created.client.id, overlapHours: 0 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("refuses a bad rotation input naming the field", async () => {
    const api = await adminCaller();
    await expect(
      api.apiClients.rotateSecret({ id: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d", overlapHours: 500 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("overlapHours") });
    await expect(
      api.apiClients.rotateSecret({ id: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d", overlapHours: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

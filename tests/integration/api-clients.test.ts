import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { POST as tokenRoute } from "../../app/api/oauth/token/route.ts";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import { sha256Hex } from "../../server/auth/hash.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { authenticateBearer } from "../../server/integration/oauth.ts";
import { logger } from "../../server/lib/logger.ts";
import { verifiedSession } from "../support/sessions.ts";
import { createUser } from "../support/fixtures.ts";

const callerFor = (user: SessionUser | null, correlationId = "api-clients-test") => {
  const ctx: Context = { db: getDb(), user, session: verifiedSession(user), correlationId, log: logger };
  return createCaller(ctx);
};

async function requestToken(clientId: string, clientSecret: string) {
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
  return tokenRoute(
    new Request("http://localhost/api/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
    }),
  );
}

/** PostgreSQL's inserting-transaction id of a row: equal ids prove the rows were written by one transaction. */
async function insertingTransaction(
  table: "ApiClient" | "DomainEvent" | "AuditLog",
  column: string,
  value: string,
) {
  const rows = await getDb().$queryRawUnsafe<{ xmin: string }[]>(
    `SELECT xmin::text AS xmin FROM "${table}" WHERE "${column}"::text = $1`,
    value,
  );
  expect(rows).toHaveLength(1);
  return rows[0]?.xmin;
}

async function errorOf(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe("apiClients", () => {
  it("creates a client: the secret is returned once, stored hashed, recorded with an event and an audit entry", async () => {
    const admin = await createUser(["admin"]);
    const correlationId = `create-${Date.now()}`;
    const { client, clientSecret } = await callerFor(admin, correlationId).apiClients.create({
      name: "  Partner portal  ",
      scopes: ["tickets:write", "tickets:read", "tickets:read"],
    });

    expect(client).toMatchObject({
      name: "Partner portal",
      scopes: ["tickets:read", "tickets:write"],
      eventSources: [],
      disabledAt: null,
      liveTokens: 0,
    });
    expect(client.clientId).toMatch(/^partner-portal-[0-9a-f]{8}$/);
    expect(clientSecret.length).toBeGreaterThanOrEqual(40);
    expect(client).not.toHaveProperty("secretHash");

    const db = getDb();
    const stored = await db.apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(stored.secretHash).toBe(sha256Hex(clientSecret));

    const event = await db.domainEvent.findFirstOrThrow({
      where: { aggregateType: "api_client", aggregateId: client.id },
    });
    expect(event).toMatchObject({
      type: "ApiClientCreated",
      actorType: "user",
      actorId: admin.id,
      correlationId,
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityType: "api_client", entityId: client.id },
    });
    expect(audit).toMatchObject({
      action: "ApiClientCreated",
      eventId: event.id,
      actorId: admin.id,
      correlationId,
    });
    expect(audit.details).toEqual({
      clientId: client.clientId,
      name: "Partner portal",
      scopes: ["tickets:read", "tickets:write"],
      eventSources: [],
      expiresAt: null,
    });
    for (const written of [JSON.stringify(audit.details), JSON.stringify(event.payload)]) {
      expect(written).not.toContain(clientSecret);
      expect(written).not.toContain(stored.secretHash);
    }

    const xmin = await insertingTransaction("ApiClient", "id", client.id);
    expect(await insertingTransaction("DomainEvent", "id", event.id)).toBe(xmin);
    expect(await insertingTransaction("AuditLog", "eventId", event.id)).toBe(xmin);

    const listed = await callerFor(admin).apiClients.list();
    const row = listed.find((c) => c.id === client.id);
    expect(row).toMatchObject({ clientId: client.clientId, liveTokens: 0 });
    expect(Object.keys(row ?? {}).sort()).toEqual([
      "clientId",
      "createdAt",
      "disabledAt",
      "eventSources",
      "expiresAt",
      "id",
      "lastUsedAt",
      "liveTokens",
      "name",
      "previousSecretExpiresAt",
      "scopes",
    ]);
  });

  it("issues tokens for the new secret until the client is disabled", async () => {
    const admin = await createUser(["admin"]);
    const db = getDb();
    const { client, clientSecret } = await callerFor(admin).apiClients.create({
      name: "Courier app",
      scopes: ["tickets:read"],
    });

    const response = await requestToken(client.clientId, clientSecret);
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    await expect(authenticateBearer(db, `Bearer ${access_token}`, "tickets:read")).resolves.toMatchObject({
      clientId: client.clientId,
    });
    expect((await callerFor(admin).apiClients.list()).find((c) => c.id === client.id)?.liveTokens).toBe(1);

    const disabled = await callerFor(admin).apiClients.disable({ id: client.id });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(disabled.liveTokens).toBe(0);

    await expect(authenticateBearer(db, `Bearer ${access_token}`, "tickets:read")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await requestToken(client.clientId, clientSecret)).status).toBe(401);

    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: client.id, action: "ApiClientDisabled" },
    });
    expect(audit.details).toEqual({ clientId: client.clientId, name: "Courier app", tokensInvalidated: 1 });
    const event = await db.domainEvent.findFirstOrThrow({
      where: { aggregateId: client.id, type: "ApiClientDisabled" },
    });
    expect(audit.eventId).toBe(event.id);

    const again = await errorOf(callerFor(admin).apiClients.disable({ id: client.id }));
    expect(again.code).toBe("CONFLICT");
    expect(await db.auditLog.count({ where: { entityId: client.id, action: "ApiClientDisabled" } })).toBe(1);
  });

  it("answers NOT_FOUND for an unknown client", async () => {
    const admin = await createUser(["admin"]);
    const error = await errorOf(
      callerFor(admin).apiClients.disable({ id: "0190a0a0-0000-7000-8000-000000000000" }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });

  it("refuses anonymous callers and roles without api_clients:manage", async () => {
    const anonymous = callerFor(null).apiClients;
    expect((await errorOf(anonymous.list())).code).toBe("UNAUTHORIZED");
    expect((await errorOf(anonymous.create({ name: "Anonymous", scopes: ["tickets:read"] }))).code).toBe(
      "UNAUTHORIZED",
    );

    const admin = await createUser(["admin"]);
    const { client } = await callerFor(admin).apiClients.create({ name: "Victim", scopes: ["tickets:read"] });
    for (const role of ["support_agent", "risk_manager", "city_manager"] as const) {
      const caller = callerFor(await createUser([role])).apiClients;
      expect((await errorOf(caller.list())).code).toBe("FORBIDDEN");
      expect((await errorOf(caller.create({ name: "Sneaky", scopes: ["tickets:read"] }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await errorOf(caller.disable({ id: client.id }))).code).toBe("FORBIDDEN");
    }
    expect(await getDb().apiClient.count({ where: { name: "Sneaky" } })).toBe(0);
    expect((await getDb().apiClient.findUniqueOrThrow({ where: { id: client.id } })).disabledAt).toBeNull();
  });

  it("answers bad input with BAD_REQUEST naming the field", async () => {
    const admin = await createUser(["admin"]);
    const caller = callerFor(admin).apiClients;
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [
        () => caller.create({ name: "Valid name", scopes: [] }),
        "scopes",
        /scopes must name at least one scope/,
      ],
      // @ts-expect-error an unknown scope is exactly what the test sends
      [() => caller.create({ name: "Valid name", scopes: ["root"] }), "scopes", /unknown scope "root"/],
      [
        () => caller.create({ name: " ab ", scopes: ["tickets:read"] }),
        "name",
        /name must be at least 3 characters/,
      ],
      [
        () => caller.create({ name: "x".repeat(81), scopes: ["tickets:read"] }),
        "name",
        /name must be at most 80/,
      ],
      [
        // @ts-expect-error an unknown source is exactly what the test sends
        () => caller.create({ name: "Valid name", scopes: ["events:write"], eventSources: ["payments"] }),
        "eventSources",
        /unknown source "payments"/,
      ],
      [() => caller.disable({ id: "not-a-uuid" }), "id", /id must be an API client id/],
    ];
    for (const [call, field, message] of cases) {
      const error = await errorOf(call());
      expect(error.code).toBe("BAD_REQUEST");
      if (!(error.cause instanceof ZodError))
        throw new Error("expected the input validation error as the cause");
      const issues = error.cause.issues.map((issue) => [issue.path[0], issue.message]);
      expect(issues).toEqual([[field, expect.stringMatching(message)]]);
    }
    expect(await getDb().apiClient.count({ where: { name: "Valid name" } })).toBe(0);
  });
});

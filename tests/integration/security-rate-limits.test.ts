import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { POST as tokenRoute } from "../../app/api/oauth/token/route.ts";
import { GET as listTickets } from "../../app/api/operations/tickets/route.ts";
import { hashPassword } from "../../server/auth/hash.ts";
import { authOptions } from "../../server/auth/options.ts";
import { getDb } from "../../server/db/client.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { metrics } from "../../server/ops/metrics.ts";
import { admitInboundEvent } from "../../server/security/event-edge.ts";
import { createRateLimitStore, type RateLimitStore } from "../../server/security/rate-limit-store.ts";
import {
  createThrottles,
  installThrottles,
  LIMITS,
  throttles,
  type Throttles,
} from "../../server/security/rate-limits.ts";
import { answerSignInRefusal } from "../../server/security/sign-in-answer.ts";
import { admitSignIn, signInSucceeded } from "../../server/security/sign-in-throttle.ts";
import { createApiClient } from "../support/fixtures.ts";

// Two "app instances" are two stores (pools) with their own limiter objects on one database: a count made by
// one is seen by the other, as it is across processes.
const db = getDb();
const stores: RateLimitStore[] = [];
const small = { points: 3, durationSeconds: 60, blockSeconds: 120 };

function instance(overrides: Parameters<typeof createThrottles>[1] = {}): Throttles {
  const store = createRateLimitStore(process.env.DATABASE_URL!);
  stores.push(store);
  return createThrottles(store, overrides);
}

// The process's own limits come back afterwards: later test files in this worker use them.
const inForce = throttles();
afterAll(async () => {
  installThrottles(inForce);
  await Promise.all(stores.map((store) => store.pool.end()));
});

const unique = () => randomBytes(4).toString("hex");

async function refusals(limit: string): Promise<number> {
  const metric = await metrics().rateLimited.get();
  return metric.values.find((value) => value.labels.limit === limit)?.value ?? 0;
}

async function lockoutsOf(entityId: string) {
  return db.auditLog.findMany({ where: { action: "SignInLockedOut", entityId } });
}

describe("sign-in throttle across instances", () => {
  const first = instance({ sign_in_account: small });
  const second = instance({ sign_in_account: small });

  it("locks an account after its attempts, counted on either instance, and audits the lockout once", async () => {
    const email = `locked-${unique()}@fixtures.test`;
    const before = await refusals("sign_in_account");
    expect(await admitSignIn(db, email, null, first)).toEqual({ allowed: true, attempt: 1 });
    expect(await admitSignIn(db, email, null, second)).toEqual({ allowed: true, attempt: 2 });
    expect(await admitSignIn(db, email, null, first)).toEqual({ allowed: true, attempt: 3 });
    const refused = await admitSignIn(db, email, null, second);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(100);
    expect(await admitSignIn(db, email.toUpperCase(), null, first)).toMatchObject({ allowed: false });
    const audits = await lockoutsOf(email);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: "system", entityType: "sign_in_account" });
    expect(await refusals("sign_in_account")).toBe(before + 2);
  });

  it("forgets consecutive failures after a success", async () => {
    const email = `reset-${unique()}@fixtures.test`;
    await admitSignIn(db, email, null, first);
    await admitSignIn(db, email, null, second);
    await signInSucceeded(email, null, first);
    expect(await admitSignIn(db, email, null, second)).toEqual({ allowed: true, attempt: 1 });
  });

  it("limits an address across accounts", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const [one, other] = [instance({ sign_in_ip: small }), instance({ sign_in_ip: small })];
    for (let i = 0; i < 3; i++) await admitSignIn(db, `ip-${unique()}@fixtures.test`, ip, one);
    expect(await admitSignIn(db, `ip-${unique()}@fixtures.test`, ip, other)).toMatchObject({
      allowed: false,
    });
    expect((await lockoutsOf(ip))[0]).toMatchObject({ entityType: "sign_in_ip" });
  });
});

describe("sign-in answers", () => {
  type Authorize = (
    credentials: Record<string, string>,
    req: { headers: Record<string, string> },
  ) => Promise<unknown>;
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options
    .authorize;

  it("answers an unknown account and a wrong password alike, then locks both alike", async () => {
    installThrottles(instance({ sign_in_account: { points: 2, durationSeconds: 60, blockSeconds: 60 } }));
    const known = `known-${unique()}@fixtures.test`;
    await db.user.create({
      data: {
        email: known,
        name: "Known",
        passwordHash: await hashPassword("right-password"),
        roles: ["support_agent"],
      },
    });
    const unknown = `nobody-${unique()}@fixtures.test`;
    const attempt = (email: string) => authorize({ email, password: "wrong-password" }, { headers: {} });
    for (const email of [known, unknown]) {
      await expect(attempt(email)).resolves.toBeNull();
      await expect(attempt(email)).resolves.toBeNull();
      await expect(attempt(email)).rejects.toThrow(/^TooManyAttempts:\d+$/);
    }
    // Locked: even the right password is refused without being checked.
    await expect(authorize({ email: known, password: "right-password" }, { headers: {} })).rejects.toThrow(
      /^TooManyAttempts/,
    );
  }, 30_000);

  it("turns next-auth's refusal into 429 with Retry-After and a bare error code", async () => {
    const nextAuthAnswer = Response.json(
      { url: "http://localhost/api/auth/error?error=TooManyAttempts%3A42" },
      { status: 401 },
    );
    const answer = await answerSignInRefusal(nextAuthAnswer);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("42");
    expect(await answer.json()).toEqual({ url: "http://localhost/api/auth/error?error=TooManyAttempts" });
    const wrongPassword = Response.json(
      { url: "http://localhost/api/auth/error?error=CredentialsSignin" },
      { status: 401 },
    );
    expect((await answerSignInRefusal(wrongPassword)).status).toBe(401);
  });
});

describe("token endpoint", () => {
  const tokenRequest = (clientId: string, ip: string | null) =>
    tokenRoute(
      new Request("http://localhost/api/oauth/token", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(ip ? { "x-forwarded-for": `203.0.113.9, ${ip}` } : {}),
        },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: "x",
        }).toString(),
      }),
    );

  it("answers 429 with Retry-After past the per-client limit, on any instance", async () => {
    installThrottles(instance());
    const clientId = `guessed-${unique()}`;
    const before = await refusals("token_client");
    for (let i = 0; i < LIMITS.token_client.points; i++)
      expect((await tokenRequest(clientId, null)).status).toBe(401);
    installThrottles(instance());
    const refused = await tokenRequest(clientId, null);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: "temporarily_unavailable" });
    expect(await refusals("token_client")).toBe(before + 1);
  });

  it("limits an address across client ids, by the right-most X-Forwarded-For entry", async () => {
    installThrottles(instance({ token_ip: small }));
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 3; i++) expect((await tokenRequest(`id-${unique()}`, ip)).status).toBe(401);
    expect((await tokenRequest(`id-${unique()}`, ip)).status).toBe(429);
  });
});

describe("REST contract", () => {
  it("limits each client across instances with the envelope's TOO_MANY_REQUESTS", async () => {
    const client = await createApiClient(["tickets:read"]);
    const { access_token } = await issueClientCredentialsToken(db, { ...client, scope: null });
    const list = () =>
      listTickets(
        new Request("http://localhost/api/operations/tickets?limit=1", {
          headers: { authorization: `Bearer ${access_token}` },
        }),
        { params: Promise.resolve({}) },
      );
    installThrottles(instance({ rest_client: { points: 2, durationSeconds: 60, blockSeconds: 0 } }));
    expect((await list()).status).toBe(200);
    installThrottles(instance({ rest_client: { points: 2, durationSeconds: 60, blockSeconds: 0 } }));
    expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: "TOO_MANY_REQUESTS" } });
  });
});

describe("event edge", () => {
  it("admits a source's events up to its limit, then answers with Retry-After", async () => {
    installThrottles(instance({ event_source: small }));
    const source = `source-${unique()}`;
    expect(await admitInboundEvent(source, 3)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await admitInboundEvent(source);
    expect(refused.allowed).toBe(false);
    expect(Number(refused.headers["Retry-After"])).toBeGreaterThan(0);
  });
});

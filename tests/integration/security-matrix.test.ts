import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import {
  can,
  ROLES,
  STEP_UP_PROCEDURES,
  STEP_UP_WINDOW_MS,
  type Permission,
  type Role,
} from "../../server/auth/permissions.ts";
import { STEP_UP_REQUIRED } from "../../server/auth/second-factor.ts";
import { closeEdgeRuntime } from "../../server/hub/edge/edge-runtime.ts";
import { isAppError } from "../../server/lib/errors.ts";
import { API_SCOPES } from "../../server/integration/scopes.ts";
import {
  callProcedure,
  deactivate,
  deadTokens,
  signedIn,
  signOut,
  tokenWith,
  trpcContext,
} from "../support/security-principals.ts";
import { callRoute, plausibleParams, restEndpoints, type RestEndpoint } from "../support/security-routes.ts";

// Deny by default, proven for every entry rather than sampled: every tRPC procedure against every role (second
// factor fresh and stale), no session, and sessions that were signed out, expired, deactivated or forged; every
// REST route against a token of every scope, no token, and tokens that expired or whose client was disabled or
// lapsed. The expectations come from the permission table (can, STEP_UP_PROCEDURES) and the OpenAPI document's
// scopes, so a new procedure or route is tried the day it lands.

/** Procedures anyone may call: the invitee is not signed in yet. */
const PUBLIC_PROCEDURES = new Set(["account.acceptInvite"]);
/** Procedures any signed-in person may call, whatever the role: their own account and what they may see. */
const SIGNED_IN_PROCEDURES = new Set([
  "session.me",
  "live.events",
  "account.get",
  "account.startMfa",
  "account.confirmMfa",
  "account.verifyStepUp",
  "account.changePassword",
  "account.signOutSession",
  "account.signOutEverywhere",
]);

type ProcedureDef = { _def: { type: string; meta?: { permission?: Permission } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(
  ([path, procedure]) => ({
    path,
    type: procedure._def.type,
    permission: procedure._def.meta?.permission ?? null,
  }),
);

type Expectation =
  | "allowed"
  | "UNAUTHORIZED"
  /** Refused for want of the permission (not for the second factor). */
  | "FORBIDDEN"
  | "STEP_UP_REQUIRED"
  /** Refused either way: a caller without the permission and without a fresh step-up. */
  | "FORBIDDEN_ANY";

interface Outcome {
  code: string;
  reason?: unknown;
  message?: string;
}

async function outcomeOf(ctx: Context, path: string): Promise<Outcome> {
  try {
    await callProcedure(createCaller(ctx), path);
    return { code: "OK" };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { code: "THROWN", message: String(error) };
    const details = isAppError(error.cause)
      ? (error.cause.details as { reason?: unknown } | undefined)
      : undefined;
    return { code: error.code, reason: details?.reason, message: error.message };
  }
}

function meets(outcome: Outcome, expected: Expectation): boolean {
  switch (expected) {
    case "allowed":
      // The input is missing, so BAD_REQUEST is the usual answer; what matters is that the door opened.
      return !["UNAUTHORIZED", "FORBIDDEN", "INTERNAL_SERVER_ERROR", "THROWN"].includes(outcome.code);
    case "FORBIDDEN":
      return outcome.code === "FORBIDDEN" && outcome.reason === undefined;
    case "STEP_UP_REQUIRED":
      return outcome.code === "FORBIDDEN" && outcome.reason === STEP_UP_REQUIRED;
    case "FORBIDDEN_ANY":
      return outcome.code === "FORBIDDEN";
    case "UNAUTHORIZED":
      return outcome.code === "UNAUTHORIZED";
  }
}

/** What a signed-in person of `role` gets from `path`, by the permission table. */
function expectedFor(role: Role, procedure: (typeof procedures)[number], stepUpFresh: boolean): Expectation {
  const permitted = procedure.permission === null || can([role], procedure.permission);
  if (!STEP_UP_PROCEDURES.has(procedure.path) || stepUpFresh) return permitted ? "allowed" : "FORBIDDEN";
  return permitted ? "STEP_UP_REQUIRED" : "FORBIDDEN_ANY";
}

const expectedSignedOut = (path: string): Expectation =>
  PUBLIC_PROCEDURES.has(path) ? "allowed" : "UNAUTHORIZED";

const tried = { trpc: 0, rest: 0 };

async function tryAll(
  ctx: Context,
  list: typeof procedures,
  expected: (procedure: (typeof procedures)[number]) => Expectation,
) {
  const wrong: string[] = [];
  for (const procedure of list) {
    const want = expected(procedure);
    const got = await outcomeOf(ctx, procedure.path);
    tried.trpc++;
    if (!meets(got, want)) wrong.push(`${procedure.path}: expected ${want}, got ${JSON.stringify(got)}`);
  }
  return wrong;
}

describe("tRPC: every procedure against every caller", () => {
  it("declares a permission for every procedure but the listed public and own-account ones", () => {
    const undeclared = procedures.filter((p) => p.permission === null).map((p) => p.path);
    expect(new Set(undeclared)).toEqual(new Set([...PUBLIC_PROCEDURES, ...SIGNED_IN_PROCEDURES]));
    const paths = new Set(procedures.map((p) => p.path));
    for (const path of STEP_UP_PROCEDURES) expect(paths.has(path), path).toBe(true);
  });

  for (const role of ROLES) {
    it(`${role}, second factor verified just now: the table's permissions and no others`, async () => {
      const ctx = await trpcContext((await signedIn(role, new Date())).session);
      expect(ctx.user?.roles).toEqual([role]);
      expect(await tryAll(ctx, procedures, (p) => expectedFor(role, p, true))).toEqual([]);
    });

    it(`${role}, second factor verified over ${STEP_UP_WINDOW_MS / 60_000} minutes ago: step-up procedures ask again`, async () => {
      const stale = new Date(Date.now() - STEP_UP_WINDOW_MS - 60_000);
      const ctx = await trpcContext((await signedIn(role, stale)).session);
      expect(await tryAll(ctx, procedures, (p) => expectedFor(role, p, false))).toEqual([]);
    });

    it(`${role}, signed out of the session: refused as a stranger`, async () => {
      const person = await signedIn(role, new Date());
      expect((await trpcContext(person.session)).user).not.toBeNull();
      await signOut(person);
      const ctx = await trpcContext(person.session);
      expect(await tryAll(ctx, procedures, (p) => expectedSignedOut(p.path))).toEqual([]);
    });
  }

  const strangers: [string, () => Promise<Session | null>][] = [
    ["no session at all", async () => null],
    [
      "an expired session",
      async () => (await signedIn("admin", new Date(), new Date(Date.now() - 1000))).session,
    ],
    [
      "a deactivated admin's session",
      async () => {
        const person = await signedIn("admin", new Date());
        await deactivate(person);
        return person.session;
      },
    ],
    [
      "an admin's session presented by another user",
      async () => {
        const admin = await signedIn("admin", new Date());
        const agent = await signedIn("support_agent", new Date());
        return { ...agent.session, sessionId: admin.session.sessionId };
      },
    ],
  ];
  for (const [name, sessionOf] of strangers) {
    it(`${name}: UNAUTHORIZED everywhere but the public procedures`, async () => {
      const ctx = await trpcContext(await sessionOf());
      expect(ctx.user).toBeNull();
      expect(await tryAll(ctx, procedures, (p) => expectedSignedOut(p.path))).toEqual([]);
    });
  }

  it("refuses every mutation from another origin, even an admin's with a fresh second factor", async () => {
    const ctx = await trpcContext((await signedIn("admin", new Date())).session, false);
    const mutations = procedures.filter((p) => p.type === "mutation");
    expect(mutations.length).toBeGreaterThan(10);
    expect(await tryAll(ctx, mutations, () => "FORBIDDEN_ANY")).toEqual([]);
  });

  it("tried every combination", () => {
    const mutations = procedures.filter((p) => p.type === "mutation").length;
    const expected = procedures.length * (ROLES.length * 3 + strangers.length) + mutations;
    console.info(`security matrix: ${tried.trpc} tRPC calls (${procedures.length} procedures)`);
    expect(tried.trpc).toBe(expected);
  });
});

// ── REST ─────────────────────────────────────────────────────────────────────

type RestExpectation = "allowed" | 401 | 403;
const REFUSAL_CODES = { 401: "UNAUTHORIZED", 403: "FORBIDDEN" } as const;

async function refusalCode(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code;
}

describe("REST: every route and method against every token", () => {
  let endpoints: RestEndpoint[];
  const scoped = new Map<string, string>();
  const dead = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    endpoints = await restEndpoints({ metrics: true });
    for (const scope of API_SCOPES) scoped.set(scope, await tokenWith([scope]));
    for (const scope of new Set(endpoints.flatMap((e) => (e.scope ? [e.scope] : [])))) {
      dead.set(scope, await deadTokens(scope));
    }
  });

  afterAll(() => closeEdgeRuntime());

  /** Each way of knocking, with the authorization header it sends and what `endpoint` must answer. */
  function knocks(endpoint: RestEndpoint): { name: string; authorization?: string; want: RestExpectation }[] {
    const needs = (ok: boolean, refusal: 401 | 403): RestExpectation =>
      endpoint.scope === null || ok ? "allowed" : refusal;
    return [
      ...API_SCOPES.map((scope) => ({
        name: `token with ${scope}`,
        authorization: `Bearer ${scoped.get(scope)}`,
        want: needs(scope === endpoint.scope, 403),
      })),
      { name: "no token", want: needs(false, 401) },
      { name: "Basic credentials", authorization: "Basic ZGVtbzpkZW1v", want: needs(false, 401) },
      { name: "unknown token", authorization: "Bearer not-a-token-we-issued", want: needs(false, 401) },
      ...Object.entries(endpoint.scope ? dead.get(endpoint.scope)! : {}).map(([name, token]) => ({
        name,
        authorization: `Bearer ${token}`,
        want: needs(false, 401),
      })),
    ];
  }

  it("finds every route module, each with a declared scope or none on purpose", () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(13);
    const publicRoutes = endpoints.filter((e) => e.scope === null).map((e) => `${e.method} ${e.route}`);
    expect(publicRoutes).toEqual(["get /api/operations/openapi.json"]);
  });

  it("answers 401 without a live token, 403 without the scope, and never 2xx or 5xx for either", async () => {
    const wrong: string[] = [];
    let expected = 0;
    for (const endpoint of endpoints) {
      const list = knocks(endpoint);
      expected += list.length;
      for (const { name, authorization, want } of list) {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (authorization) headers.authorization = authorization;
        const response = await callRoute(endpoint, {
          params: plausibleParams(endpoint),
          headers,
          body: "{}",
        });
        tried.rest++;
        const status = response.status;
        const ok =
          want === "allowed"
            ? status < 500 && status !== 401 && status !== 403
            : status === want && (await refusalCode(response)) === REFUSAL_CODES[want];
        if (!ok)
          wrong.push(
            `${endpoint.method.toUpperCase()} ${endpoint.route} with ${name}: ${status}, wanted ${want}`,
          );
      }
    }
    console.info(`security matrix: ${tried.rest} REST calls (${endpoints.length} route methods)`);
    expect(wrong).toEqual([]);
    expect(tried.rest).toBe(expected);
  });
});

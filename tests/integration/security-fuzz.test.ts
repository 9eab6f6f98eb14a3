import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { errorEnvelopeSchema } from "../../server/api/rest/envelope.ts";
import { closeEdgeRuntime } from "../../server/hub/edge/edge-runtime.ts";
import { API_SCOPES } from "../../server/integration/scopes.ts";
import { oauthErrorSchema } from "../../server/integration/token-contract.ts";
import { fuzzCases, tokenFuzzCases, type FuzzCase } from "../support/security-fuzz.ts";
import { tokenWith } from "../support/security-principals.ts";
import { callRoute, plausibleParams, restEndpoints, type RestEndpoint } from "../support/security-routes.ts";

// A bounded fuzz of the REST contract, run in CI: for every route and method a few hundred malformed requests
// from a fixed seed, through the route handlers themselves with a token holding every scope. Not one may answer
// 5xx, and every 4xx must be the contract's error envelope (the token endpoint: RFC 6749's error body), with the
// fields at fault named on a 400.

const SEED = 20_260_516;
const CASES_PER_ROUTE = 200;

let endpoints: RestEndpoint[];

beforeAll(async () => {
  endpoints = await restEndpoints({ tokenEndpoint: true });
});

afterAll(() => closeEdgeRuntime());

/** What is wrong with the answer, or null. */
async function fault(response: Response, errorBody: z.ZodType): Promise<string | null> {
  const { status } = response;
  if (status >= 500) return `${status}: ${(await response.text()).slice(0, 200)}`;
  if (status < 400) {
    await response.body?.cancel();
    return null;
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} is not JSON: ${text.slice(0, 200)}`;
  }
  if (!errorBody.safeParse(body).success) return `${status} is not the error body: ${text.slice(0, 200)}`;
  const error = (body as { error: unknown }).error;
  const unnamed =
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    error.code === "BAD_REQUEST" &&
    !("issues" in error);
  return unnamed ? `400 names no field: ${text.slice(0, 200)}` : null;
}

async function run(endpoint: RestEndpoint, cases: FuzzCase[], errorBody: z.ZodType) {
  const faults: string[] = [];
  const statuses = new Map<number, number>();
  for (const { kind, call } of cases) {
    const response = await callRoute(endpoint, call);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const problem = await fault(response, errorBody);
    if (problem) faults.push(`${kind} ${JSON.stringify(call).slice(0, 300)} → ${problem}`);
  }
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
  console.info(
    `fuzz ${endpoint.method.toUpperCase()} ${endpoint.route}: ${cases.length} requests, ${summary.join(" ")}`,
  );
  return faults;
}

describe("REST fuzz: malformed requests answer 4xx in the error envelope, never 5xx", () => {
  it("covers every route module and the token endpoint", () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(14);
    expect(endpoints.map((e) => `${e.method} ${e.route}`)).toContain("post /api/operations/events");
    expect(endpoints.map((e) => `${e.method} ${e.route}`)).toContain("post /api/oauth/token");
  });

  it("answers what it once found as 500s with a 400 naming the fault", async () => {
    const find = (method: string, route: string) =>
      endpoints.find((e) => e.method === method && e.route === route)!;
    const nul = await callRoute(find("post", "/api/oauth/token"), {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=%00&client_secret=s",
    });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: "invalid_request" });
    const notADate = await callRoute(find("post", "/api/operations/cities/indicators"), {
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await tokenWith(["cities:write"])}`,
      },
      body: JSON.stringify({ points: [{ city: "OSA", metric: "orders", bucketStart: "text", value: 1 }] }),
    });
    expect(notADate.status).toBe(400);
    expect(await notADate.json()).toMatchObject({ error: { issues: [{ path: "points.0.bucketStart" }] } });
    const nulKey = await callRoute(find("post", "/api/operations/workflows"), {
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await tokenWith(["workflows:write"])}`,
      },
      body: JSON.stringify({ templateKey: "\u0000", bound: { type: "none" } }),
    });
    expect(nulKey.status).toBe(400);
    expect(await nulKey.json()).toMatchObject({ error: { issues: [{ path: "templateKey" }] } });
  });

  it("every route and method", async () => {
    let sent = 0;
    const faults: string[] = [];
    for (const [index, endpoint] of endpoints.entries()) {
      const seed = SEED + index;
      if (endpoint.route === "/api/oauth/token") {
        const cases = tokenFuzzCases({ count: CASES_PER_ROUTE, seed });
        faults.push(...(await run(endpoint, cases, oauthErrorSchema)));
        sent += cases.length;
        continue;
      }
      // A client of its own per route: each gets the whole per-client rate limit.
      const headers = { authorization: `Bearer ${await tokenWith(API_SCOPES)}` };
      const cases = fuzzCases(endpoint, {
        headers,
        params: plausibleParams(endpoint),
        count: CASES_PER_ROUTE,
        seed,
      });
      faults.push(...(await run(endpoint, cases, errorEnvelopeSchema)));
      sent += cases.length;
    }
    console.info(`fuzz: ${sent} requests to ${endpoints.length} route methods`);
    expect(faults).toEqual([]);
    expect(sent).toBe(endpoints.length * CASES_PER_ROUTE);
    // Thousands of requests through every route handler: minutes on a busy 2-core machine, not the default minute.
  }, 300_000);
});

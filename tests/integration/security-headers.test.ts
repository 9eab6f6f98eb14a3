import { randomBytes } from "node:crypto";
import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as trpcPost } from "../../app/api/trpc/[trpc]/route.ts";
import { GET as listTickets, POST as createTicket } from "../../app/api/operations/tickets/route.ts";
import { config as proxyConfig, proxy } from "../../proxy.ts";
import { createCaller } from "../../server/api/root.ts";
import { getDb } from "../../server/db/client.ts";
import { logger } from "../../server/lib/logger.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { callerFor } from "../support/alerts.ts";
import { createApiClient, createUser } from "../support/fixtures.ts";

// What can be checked without a browser: the proxy's headers and the nonce it hands to rendering, the static
// headers of next.config.mjs, tRPC's Origin check and the edges' size and encoding checks.

function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
}

describe("proxy.ts", () => {
  it("gives each page a CSP with a fresh nonce, and hands that nonce and policy to rendering", () => {
    const first = proxy(new NextRequest("http://localhost:3000/tickets"));
    const second = proxy(new NextRequest("http://localhost:3000/tickets"));
    const policy = first.headers.get("content-security-policy");
    const nonce = nonceOf(policy);
    expect(nonce).toBeTruthy();
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS only when the page was served over https", () => {
    const proxied = proxy(
      new NextRequest("http://10.0.0.5:3000/", { headers: { "x-forwarded-proto": "https" } }),
    );
    expect(proxied.headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
    expect(proxied.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("runs for pages, not for API routes or static files", () => {
    const [matcher] = proxyConfig.matcher;
    const pattern = new RegExp(`^${matcher!.source}$`);
    expect(pattern.test("/tickets/123")).toBe(true);
    expect(pattern.test("/")).toBe(true);
    expect(pattern.test("/api/trpc/tickets.list")).toBe(false);
    expect(pattern.test("/_next/static/chunks/app.js")).toBe(false);
  });
});

describe("next.config.mjs", () => {
  it("sends nosniff, a referrer policy, a permissions policy and frame denial on every path", async () => {
    // Loaded by URL: next.config.mjs is plain JavaScript with no type declarations.
    const configUrl = new URL("../../next.config.mjs", import.meta.url).href;
    const { default: nextConfig } = (await import(configUrl)) as { default: NextConfig };
    const rules = await nextConfig.headers!();
    const all = rules.find((rule) => rule.source === "/:path*");
    const headers = new Map(all?.headers.map(({ key, value }) => [key.toLowerCase(), value]));
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("permissions-policy")).toContain("camera=()");
  });
});

describe("tRPC", () => {
  it("refuses a mutation from another origin with FORBIDDEN, before any permission check", async () => {
    const admin = await createUser(["admin"]);
    const name = `Origin check ${randomBytes(3).toString("hex")}`;
    const crossCaller = createCaller({
      db: getDb(),
      user: admin,
      correlationId: "test-origin",
      log: logger,
      sameOrigin: false,
    });
    await expect(crossCaller.apiClients.create({ name, scopes: ["tickets:read"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Cross-origin request refused.",
    });
    // Queries stay allowed: reading is not a state change (and same-origin GETs often carry no Origin).
    await expect(crossCaller.apiClients.list()).resolves.toBeInstanceOf(Array);
    const created = await callerFor(admin).apiClients.create({ name, scopes: ["tickets:read"] });
    expect(created.client.name).toBe(name);
  });

  it("answers 413 to a body over 1 MiB before parsing it", async () => {
    const response = await trpcPost(
      new Request("http://localhost/api/trpc/apiClients.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { name: "x".repeat(1024 * 1024) } }),
      }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });
});

describe("REST edges", () => {
  async function token(scopes: string[]) {
    const client = await createApiClient(scopes);
    return (await issueClientCredentialsToken(getDb(), { ...client, scope: null })).access_token;
  }
  const route = { params: Promise.resolve({}) };

  it("answers 400 naming the field to a query value that is not UTF-8", async () => {
    const bearer = `Bearer ${await token(["tickets:read"])}`;
    const response = await listTickets(
      new Request("http://localhost/api/operations/tickets?status=%ED%A0%80", {
        headers: { authorization: bearer },
      }),
      route,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: "BAD_REQUEST",
        issues: [{ path: "query.status", message: "is not valid percent-encoded UTF-8" }],
      },
    });
  });

  it("answers 413 to a JSON body over 1 MiB, declared or streamed", async () => {
    const bearer = `Bearer ${await token(["tickets:write"])}`;
    const big = JSON.stringify({ subject: "x".repeat(1024 * 1024 + 1) });
    const declared = await createTicket(
      new Request("http://localhost/api/operations/tickets", {
        method: "POST",
        headers: {
          authorization: bearer,
          "content-type": "application/json",
          "content-length": String(big.length),
        },
        body: big,
      }),
      route,
    );
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await createTicket(
      new Request("http://localhost/api/operations/tickets", {
        method: "POST",
        headers: { authorization: bearer, "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit),
      route,
    );
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({
      error: { code: "PAYLOAD_TOO_LARGE", issues: [{ path: "body" }] },
    });
  });
});

import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, servedOverHttps } from "./csp.ts";

const directives = (policy: string) =>
  new Map(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce and what they load, never inline", () => {
    const policy = directives(contentSecurityPolicy("abc", { dev: false, https: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy.get("style-src-elem")).toEqual(["'self'", "'nonce-abc'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("lets next dev evaluate code and inject styles, and upgrades requests over https", () => {
    const policy = directives(contentSecurityPolicy("abc", { dev: true, https: true }));
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("style-src-elem")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different each time", () => {
    const nonce = newNonce();
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(nonce);
  });
});

describe("servedOverHttps", () => {
  it("believes the proxy's X-Forwarded-Proto first, else the URL", () => {
    const url = new URL("http://internal:3000/");
    expect(servedOverHttps(url, new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(
      servedOverHttps(new URL("https://ops.example/"), new Headers({ "x-forwarded-proto": "http" })),
    ).toBe(false);
    expect(servedOverHttps(new URL("https://ops.example/"), new Headers())).toBe(true);
  });
});

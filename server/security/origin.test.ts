import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./origin.ts";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("isSameOriginRequest", () => {
  it("accepts an Origin naming the request's host", () => {
    expect(isSameOriginRequest(headers({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(
      true,
    );
    expect(
      isSameOriginRequest(
        headers({ origin: "https://ops.example", host: "10.0.0.5:3000", "x-forwarded-host": "ops.example" }),
      ),
    ).toBe(true);
  });

  it("accepts the configured public URL's origin", () => {
    const sent = headers({ origin: "https://ops.example", host: "internal:3000" });
    expect(isSameOriginRequest(sent, "https://ops.example/")).toBe(true);
  });

  it("refuses another site, another port, an opaque or unparsable origin", () => {
    expect(isSameOriginRequest(headers({ origin: "https://evil.example", host: "ops.example" }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "http://localhost:4000", host: "localhost:3000" }))).toBe(
      false,
    );
    expect(isSameOriginRequest(headers({ origin: "null", host: "ops.example" }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "not a url", host: "ops.example" }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "http://ops.example.evil", host: "ops.example" }))).toBe(
      false,
    );
  });

  it("without Origin, trusts only the browser's own Sec-Fetch-Site", () => {
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "same-origin", host: "a" }))).toBe(true);
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "cross-site", host: "a" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "a" }))).toBe(false);
  });
});

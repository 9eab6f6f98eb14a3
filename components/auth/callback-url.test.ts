import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-origin relative paths with their query", () => {
    expect(safeCallbackPath("/tickets")).toBe("/tickets");
    expect(safeCallbackPath("/tickets?status=open#top")).toBe("/tickets?status=open#top");
    expect(safeCallbackPath(["/risk", "/cities"])).toBe("/risk");
  });

  it("falls back to / for anything that could leave the site", () => {
    for (const unsafe of [
      undefined,
      "",
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "tickets",
    ]) {
      expect(safeCallbackPath(unsafe)).toBe("/");
    }
  });

  it("does not loop back to the sign-in page", () => {
    expect(safeCallbackPath("/signin")).toBe("/");
    expect(safeCallbackPath("/signin?callbackUrl=%2F")).toBe("/");
  });
});

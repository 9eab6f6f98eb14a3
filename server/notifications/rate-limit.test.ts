import { describe, expect, it } from "vitest";
import { allowedOf } from "./rate-limit.ts";

describe("allowedOf", () => {
  it("lets the whole ask through under the limit", () => expect(allowedOf(60, 10, 10)).toBe(10));
  it("lets the part that fits through when the ask crosses the limit", () =>
    expect(allowedOf(60, 70, 20)).toBe(10));
  it("lets nothing through once the window is full", () => expect(allowedOf(60, 95, 5)).toBe(0));
});

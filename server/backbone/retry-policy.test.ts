import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { afterFailure, MAX_ATTEMPTS } from "./retry-policy.ts";

describe("afterFailure", () => {
  it("gives up after the last attempt and not before", () => {
    expect(afterFailure(MAX_ATTEMPTS)).toEqual({ kind: "dead" });
    expect(afterFailure(MAX_ATTEMPTS - 1).kind).toBe("retry");
  });

  it("waits within an exponentially growing, capped window", () => {
    expect(afterFailure(1, () => 0.999)).toEqual({ kind: "retry", delayMs: 999 });
    expect(afterFailure(3, () => 0.999)).toEqual({ kind: "retry", delayMs: 3_996 });
    expect(afterFailure(7, () => 0.5)).toEqual({ kind: "retry", delayMs: 32_000 });
  });

  it("never waits less than 100 ms nor more than five minutes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ATTEMPTS - 1 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempts, r) => {
          const decision = afterFailure(attempts, () => r);
          return decision.kind === "retry" && decision.delayMs >= 100 && decision.delayMs <= 300_000;
        },
      ),
    );
  });
});

import { describe, expect, it } from "vitest";
import { decide, retryAfterSeconds, signInDelayMs, startsLockout, SIGN_IN_FLOOR_MS } from "./throttle.ts";

describe("retryAfterSeconds", () => {
  it("rounds up to whole seconds and never says 0", () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(899_500)).toBe(900);
  });
});

describe("decide", () => {
  it("allows up to the limit and counts what is left", () => {
    expect(decide({ consumedPoints: 1, msBeforeNext: 5000 }, 3)).toEqual({ allowed: true, remaining: 2 });
    expect(decide({ consumedPoints: 3, msBeforeNext: 5000 }, 3)).toEqual({ allowed: true, remaining: 0 });
  });

  it("refuses past the limit with the wait until the window or the block ends", () => {
    expect(decide({ consumedPoints: 4, msBeforeNext: 12_300 }, 3)).toEqual({
      allowed: false,
      retryAfterSeconds: 13,
    });
  });
});

describe("startsLockout", () => {
  it("is true only for the consume that crosses the limit", () => {
    expect(startsLockout({ consumedPoints: 3, msBeforeNext: 1 }, 3)).toBe(false);
    expect(startsLockout({ consumedPoints: 4, msBeforeNext: 1 }, 3)).toBe(true);
    expect(startsLockout({ consumedPoints: 5, msBeforeNext: 1 }, 3)).toBe(false);
  });
});

describe("signInDelayMs", () => {
  it("starts at the floor and doubles with each consecutive failure", () => {
    expect(signInDelayMs(0)).toBe(SIGN_IN_FLOOR_MS);
    expect(signInDelayMs(1)).toBe(SIGN_IN_FLOOR_MS);
    expect(signInDelayMs(2)).toBe(SIGN_IN_FLOOR_MS * 2);
    expect(signInDelayMs(3)).toBe(SIGN_IN_FLOOR_MS * 4);
  });

  it("is capped at 10 seconds however many failures", () => {
    expect(signInDelayMs(6)).toBe(10_000);
    expect(signInDelayMs(1_000)).toBe(10_000);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextStepAfter, outcomeOfHttp, retryAfterMs } from "./delivery-policy.ts";

const NOW = new Date("2026-12-06T14:03:00Z");
const retry = (afterMs: number | null) => ({ kind: "retry" as const, error: "x", afterMs, response: null });

describe("nextStepAfter", () => {
  it("backs off with full jitter under an exponential ceiling", () => {
    expect(nextStepAfter(retry(null), 1, () => 0.999)).toEqual({ kind: "retry", delayMs: 999 });
    expect(nextStepAfter(retry(null), 3, () => 0.5)).toEqual({ kind: "retry", delayMs: 2_000 });
    expect(nextStepAfter(retry(null), 1, () => 0)).toEqual({ kind: "retry", delayMs: 100 });
  });

  it("caps the ceiling at two minutes", () => {
    expect(nextStepAfter(retry(null), 5, () => 0.999999, 20)).toEqual({ kind: "retry", delayMs: 16_000 - 1 });
    expect(nextStepAfter(retry(null), 12, () => 0.5, 20)).toEqual({ kind: "retry", delayMs: 60_000 });
  });

  it("honours the provider's Retry-After instead of the backoff", () => {
    expect(nextStepAfter(retry(7_000), 1, () => 0)).toEqual({ kind: "retry", delayMs: 7_000 });
  });

  it("gives up after the last attempt, and at once on a permanent failure", () => {
    expect(nextStepAfter(retry(null), MAX_ATTEMPTS)).toEqual({ kind: "dead" });
    expect(nextStepAfter({ kind: "permanent", error: "bad token", response: null }, 1)).toEqual({
      kind: "dead",
    });
  });
});

describe("retryAfterMs", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(retryAfterMs("2", NOW)).toBe(2_000);
    expect(retryAfterMs("Sun, 06 Dec 2026 14:03:30 GMT", NOW)).toBe(30_000);
    expect(retryAfterMs(undefined, NOW)).toBeNull();
    expect(retryAfterMs("soon", NOW)).toBeNull();
  });
});

describe("outcomeOfHttp", () => {
  const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers, body: "b" });

  it("classifies success, throttling, server errors and client errors", () => {
    expect(outcomeOfHttp(answer(202), NOW, () => "r1")).toMatchObject({ kind: "delivered", receipt: "r1" });
    expect(outcomeOfHttp(answer(429, { "retry-after": "3" }), NOW)).toMatchObject({
      kind: "retry",
      afterMs: 3_000,
    });
    expect(outcomeOfHttp(answer(503), NOW)).toMatchObject({ kind: "retry", afterMs: null });
    expect(outcomeOfHttp(answer(400), NOW)).toMatchObject({ kind: "permanent" });
  });
});

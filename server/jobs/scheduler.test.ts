import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "../lib/logger.ts";
import { startScheduler } from "./scheduler.ts";

describe("startScheduler", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("never overlaps runs of the same job", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const scheduler = startScheduler(
      [
        {
          name: "slow",
          everyMs: 1_000,
          run: async () => {
            runs++;
            running++;
            maxRunning = Math.max(maxRunning, running);
            await new Promise((resolve) => setTimeout(resolve, 2_500));
            running--;
            return {};
          },
        },
      ],
      logger,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    scheduler.stop();
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThan(10);
  });

  it("logs a failing job and keeps its schedule", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    let calls = 0;
    const scheduler = startScheduler(
      [
        {
          name: "flaky",
          everyMs: 1_000,
          run: async () => {
            calls++;
            throw new Error("boom");
          },
        },
      ],
      logger,
    );
    await vi.advanceTimersByTimeAsync(3_000);
    scheduler.stop();
    expect(calls).toBe(3);
    expect(error).toHaveBeenCalledTimes(3);
    error.mockRestore();
  });
});

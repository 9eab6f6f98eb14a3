import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "../lib/logger.ts";
import { startWorkRunner, type WorkRunner } from "./runner.ts";

// Waking a list: with a settle window, a burst of wake-ups is one drain, and a wake during a drain one more a
// window after it; without a window, a wake during a drain schedules exactly one more at once.

describe("work runner wake-ups", () => {
  let runner: WorkRunner | null = null;
  beforeEach(() => vi.useFakeTimers());
  afterEach(async () => {
    await runner?.stop();
    runner = null;
    vi.useRealTimers();
  });

  function countingDrains(names: string[]) {
    const calls = new Map(names.map((name) => [name, 0]));
    const drains = new Map(
      names.map((name) => [
        name,
        async () => {
          calls.set(name, calls.get(name)! + 1);
          return 0;
        },
      ]),
    );
    return { calls, drains };
  }

  it("gathers the wake-ups of a settle window into one drain of the woken list only", async () => {
    const { calls, drains } = countingDrains(["a", "b"]);
    runner = startWorkRunner(drains, { log: logger, pollMs: 60_000, settleMs: 40 });
    await vi.advanceTimersByTimeAsync(50);
    expect([...calls.values()]).toEqual([1, 1]);

    for (let n = 0; n < 5; n += 1) runner.wake("a");
    await vi.advanceTimersByTimeAsync(39);
    expect(calls.get("a")).toBe(1);
    await vi.advanceTimersByTimeAsync(11);
    expect(Object.fromEntries(calls)).toEqual({ a: 2, b: 1 });
  });

  it("drains a list woken during its drain once more, a settle window after that drain", async () => {
    let release = () => {};
    let calls = 0;
    const drains = new Map([
      [
        "a",
        async () => {
          calls += 1;
          if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
          return 0;
        },
      ],
    ]);
    runner = startWorkRunner(drains, { log: logger, pollMs: 60_000, settleMs: 40 });
    await vi.advanceTimersByTimeAsync(40);
    expect(calls).toBe(1);
    runner.wake("a");
    runner.wake("a");
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(39);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
  });

  it("without a settle window drains at once, and once more for wake-ups during a drain", async () => {
    const { calls, drains } = countingDrains(["a"]);
    runner = startWorkRunner(drains, { log: logger, pollMs: 60_000 });
    for (let n = 0; n < 5; n += 1) runner.wake("a");
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.get("a")).toBe(2);
  });
});

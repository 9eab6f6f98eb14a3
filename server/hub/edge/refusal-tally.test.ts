import { afterEach, describe, expect, it, vi } from "vitest";
import { refusalTally, type RefusalCount } from "./refusal-tally.ts";

describe("refusalTally", () => {
  afterEach(() => vi.useRealTimers());

  it("writes the refusals of a burst together, summed per source and class, after the delay", async () => {
    vi.useFakeTimers();
    const written: RefusalCount[][] = [];
    const tally = refusalTally(
      async (counts) => void written.push(counts),
      () => undefined,
      1_000,
    );
    tally.note("courier_mobility", "signature");
    tally.note("courier_mobility", "signature");
    tally.note("consumer_experience", "signature");
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(written).toEqual([
      [
        { source: "courier_mobility", failureClass: "signature", count: 2 },
        { source: "consumer_experience", failureClass: "signature", count: 1 },
      ],
    ]);
    tally.note("courier_mobility", "signature");
    await tally.flush();
    expect(written[1]).toEqual([{ source: "courier_mobility", failureClass: "signature", count: 1 }]);
    await tally.flush();
    expect(written).toHaveLength(2);
  });

  it("hands a failed write to onError", async () => {
    const errors: unknown[] = [];
    const tally = refusalTally(
      () => Promise.reject(new Error("down")),
      (e) => void errors.push(e),
    );
    tally.note("s", "signature");
    await tally.flush();
    expect(errors).toHaveLength(1);
  });
});

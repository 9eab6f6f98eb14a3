import { describe, expect, it } from "vitest";
import { coalescedWake } from "./coalesced-wake.ts";

describe("coalescedWake", () => {
  it("sends one at a time, and once more after the one in flight when asked meanwhile", async () => {
    const pending: (() => void)[] = [];
    let sent = 0;
    const wake = coalescedWake(
      () =>
        new Promise<void>((resolve) => {
          sent++;
          pending.push(resolve);
        }),
      () => undefined,
    );
    wake();
    wake();
    wake();
    expect(sent).toBe(1);
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(2);
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(2);
    wake();
    expect(sent).toBe(3);
  });

  it("reports a failed send and keeps working", async () => {
    const errors: unknown[] = [];
    let sent = 0;
    const wake = coalescedWake(
      async () => {
        sent++;
        if (sent === 1) throw new Error("connection lost");
      },
      (error) => errors.push(error),
    );
    wake();
    await new Promise((resolve) => setImmediate(resolve));
    wake();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

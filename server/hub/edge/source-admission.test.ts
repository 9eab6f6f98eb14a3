import { describe, expect, it } from "vitest";
import { SourceAdmission } from "./source-admission.ts";

describe("SourceAdmission", () => {
  it("counts events locally, refuses a source the shared limiter refused until its Retry-After", async () => {
    let now = 1_000_000;
    const consumed: [string, number][] = [];
    const admission = new SourceAdmission(
      async (source, events) => {
        consumed.push([source, events]);
        return source === "noisy"
          ? { allowed: false, retryAfterSeconds: 3 }
          : { allowed: true, remaining: 10 };
      },
      () => now,
    );
    expect(admission.admit("noisy", 5)).toBeNull();
    expect(admission.admit("noisy", 2)).toBeNull();
    expect(admission.admit("quiet", 1)).toBeNull();
    await admission.flush();
    expect(consumed).toEqual([
      ["noisy", 7],
      ["quiet", 1],
    ]);
    expect(admission.admit("noisy", 1)).toBe(3);
    expect(admission.admit("quiet", 1)).toBeNull();
    now += 2_500;
    expect(admission.admit("noisy", 1)).toBe(1);
    now += 600;
    expect(admission.admit("noisy", 1)).toBeNull();
  });

  it("lets events in when the shared limiter cannot be reached", async () => {
    const errors: unknown[] = [];
    const admission = new SourceAdmission(
      async () => {
        throw new Error("store down");
      },
      Date.now,
      (error) => errors.push(error),
    );
    admission.admit("any", 1);
    await admission.flush();
    expect(errors).toHaveLength(1);
    expect(admission.admit("any", 1)).toBeNull();
  });
});

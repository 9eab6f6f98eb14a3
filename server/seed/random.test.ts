import { describe, expect, it } from "vitest";
import { floorToFiveMinutes, hashString, Rng } from "./random";

const take = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe("Rng", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(take(new Rng(42), 100)).toEqual(take(new Rng(42), 100));
    expect(take(new Rng(42), 10)).not.toEqual(take(new Rng(43), 10));
  });

  it("stays within its ranges", () => {
    const rng = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });

  it("forks independent but reproducible streams", () => {
    const a = new Rng(1).fork("tickets");
    const b = new Rng(1).fork("tickets");
    const c = new Rng(1).fork("risk");
    expect(take(a, 20)).toEqual(take(b, 20));
    expect(take(new Rng(1).fork("tickets"), 20)).not.toEqual(take(c, 20));
  });

  it("makes time-ordered, well-formed UUIDv7s deterministically", () => {
    const at = new Date("2026-05-01T00:00:00Z");
    const id = new Rng(9).uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe(new Rng(9).uuid7(at));
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at.getTime());
    expect(new Rng(9).uuid7(new Date(at.getTime() + 1)) > id).toBe(true);
  });

  it("picks by weight and shuffles without losing items", () => {
    const rng = new Rng(3);
    const picks = Array.from({ length: 2000 }, () =>
      rng.weighted([
        ["a", 9],
        ["b", 1],
      ] as const),
    );
    const share = picks.filter((p) => p === "a").length / picks.length;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("helpers", () => {
  it("rounds down to the 5-minute bucket", () => {
    expect(floorToFiveMinutes(new Date("2026-11-20T03:17:42.123Z")).toISOString()).toBe(
      "2026-11-20T03:15:00.000Z",
    );
    expect(floorToFiveMinutes(new Date("2026-11-20T03:15:00.000Z")).toISOString()).toBe(
      "2026-11-20T03:15:00.000Z",
    );
  });

  it("hashes labels stably", () => {
    expect(hashString("tickets")).toBe(hashString("tickets"));
    expect(hashString("tickets")).not.toBe(hashString("risk"));
  });
});

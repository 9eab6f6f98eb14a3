import { describe, expect, expectTypeOf, it } from "vitest";
import type { Metric as PrismaMetric } from "../db/generated/enums.ts";
import {
  METRICS,
  METRIC_INFO,
  balanceStatus,
  bucketStart,
  demandSupplyBalance,
  downsample,
  formatBalance,
  formatMetricValue,
  isBucketAligned,
  type Metric,
} from "./metrics.ts";

const d = (iso: string) => new Date(iso);

describe("Metric", () => {
  it("is exactly the Prisma enum", () => {
    expectTypeOf<Metric>().toEqualTypeOf<PrismaMetric>();
    expect(new Set(METRICS).size).toBe(7);
    expect(Object.keys(METRIC_INFO).sort()).toEqual([...METRICS].sort());
  });

  it("formats values with units in both languages", () => {
    expect(formatMetricValue("avg_delivery_minutes", 47.25, "en")).toBe("47.25 min");
    expect(formatMetricValue("avg_delivery_minutes", 47.25, "ja")).toBe("47.25分");
    expect(formatMetricValue("cancellation_rate", 0.0825, "en")).toBe("8.3%");
    expect(formatMetricValue("supply", 1200, "en")).toBe("1,200 couriers");
    expect(formatMetricValue("supply", 12, "ja")).toBe("12人");
  });
});

describe("bucketStart", () => {
  it("floors to the 5-minute bucket on the UTC epoch", () => {
    expect(bucketStart(d("2026-03-02T12:07:13.500Z"))).toEqual(d("2026-03-02T12:05:00Z"));
    expect(bucketStart(d("2026-03-02T12:05:00Z"))).toEqual(d("2026-03-02T12:05:00Z"));
    expect(bucketStart(d("2026-03-02T12:04:59.999Z"))).toEqual(d("2026-03-02T12:00:00Z"));
    // Offsets do not matter: 21:07+09:00 is 12:07Z.
    expect(bucketStart(d("2026-03-02T21:07:00+09:00"))).toEqual(d("2026-03-02T12:05:00Z"));
    expect(bucketStart(d("1969-12-31T23:58:00Z"))).toEqual(d("1969-12-31T23:55:00Z"));
  });

  it("rejects an invalid date", () => {
    expect(() => bucketStart(new Date("nope"))).toThrow(RangeError);
    expect(isBucketAligned(new Date("nope"))).toBe(false);
  });
});

describe("demandSupplyBalance", () => {
  it("is demand ÷ supply, above 1 meaning a shortage", () => {
    expect(demandSupplyBalance(150, 100)).toBe(1.5);
    expect(balanceStatus(demandSupplyBalance(150, 100))).toBe("shortage");
    expect(balanceStatus(demandSupplyBalance(100, 100))).toBe("balanced");
    expect(balanceStatus(demandSupplyBalance(50, 100))).toBe("balanced");
  });

  it("treats zero supply as no supply, unless there is no demand either", () => {
    expect(demandSupplyBalance(10, 0)).toBe(Infinity);
    expect(balanceStatus(demandSupplyBalance(10, 0))).toBe("no_supply");
    expect(demandSupplyBalance(0, 0)).toBe(0);
  });

  it("rejects negative and non-finite inputs", () => {
    expect(() => demandSupplyBalance(-1, 10)).toThrow(RangeError);
    expect(() => demandSupplyBalance(1, Number.NaN)).toThrow(RangeError);
    expect(() => demandSupplyBalance(Infinity, 1)).toThrow(RangeError);
  });
});

describe("formatBalance", () => {
  it("reads a dash without both indicators, infinity without supply, else two decimals", () => {
    expect(formatBalance(null, "en")).toBe("—");
    expect(formatBalance({ value: null }, "en")).toBe("∞");
    expect(formatBalance({ value: 1.6389 }, "en")).toBe("1.64");
    expect(formatBalance({ value: 1234.5 }, "ja")).toBe("1,234.5");
  });
});

describe("downsample", () => {
  const points = [
    { bucketStart: d("2026-03-02T12:55:00Z"), value: 4 },
    { bucketStart: d("2026-03-02T12:00:00Z"), value: 1 },
    { bucketStart: d("2026-03-02T12:05:00Z"), value: 3 },
    { bucketStart: d("2026-03-02T14:10:00Z"), value: 10 },
  ];

  it("aggregates each epoch-aligned step and leaves empty steps out", () => {
    const hour = 3600;
    expect(downsample(points, hour, "sum")).toEqual([
      { bucketStart: d("2026-03-02T12:00:00Z"), value: 8 },
      { bucketStart: d("2026-03-02T14:00:00Z"), value: 10 },
    ]);
    expect(downsample(points, hour, "avg").map((p) => p.value)).toEqual([8 / 3, 10]);
    expect(downsample(points, hour, "max").map((p) => p.value)).toEqual([4, 10]);
    expect(downsample(points, hour, "min").map((p) => p.value)).toEqual([1, 10]);
  });

  it("keeps 5-minute points as they are at a 300 s step", () => {
    expect(downsample(points, 300, "avg").map((p) => p.value)).toEqual([1, 3, 4, 10]);
    expect(downsample([], 300, "sum")).toEqual([]);
  });

  it("refuses steps that are not whole buckets", () => {
    expect(() => downsample(points, 0, "sum")).toThrow(RangeError);
    expect(() => downsample(points, 90, "sum")).toThrow(/multiple of 300/);
    expect(() => downsample(points, 450.5, "sum")).toThrow(RangeError);
  });
});

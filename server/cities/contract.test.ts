import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ingestBatchSchema, ingestPointSchema } from "./contract.ts";

const d = (iso: string) => new Date(iso);

describe("ingestPointSchema", () => {
  const valid = { city: "osa", metric: "orders", bucketStart: "2026-03-02T21:05:00+09:00", value: 120 };
  const fieldErrors = (input: unknown) => {
    const result = ingestPointSchema.safeParse(input);
    return result.success ? {} : z.flattenError(result.error).fieldErrors;
  };

  it("accepts an aligned point and normalises it", () => {
    expect(ingestPointSchema.parse(valid)).toEqual({
      city: "OSA",
      metric: "orders",
      bucketStart: d("2026-03-02T12:05:00Z"),
      value: 120,
    });
    expect(ingestPointSchema.parse({ ...valid, bucketStart: d("2026-03-02T12:05:00Z") }).bucketStart).toEqual(
      d("2026-03-02T12:05:00Z"),
    );
  });

  it("rejects an unaligned bucketStart instead of flooring it", () => {
    expect(fieldErrors({ ...valid, bucketStart: "2026-03-02T12:07:00Z" }).bucketStart?.[0]).toMatch(
      /5-minute boundary/,
    );
    expect(fieldErrors({ ...valid, bucketStart: "2026-03-02T12:05:30Z" }).bucketStart).toHaveLength(1);
  });

  it("names the field in every error", () => {
    expect(fieldErrors({ ...valid, bucketStart: "yesterday" }).bucketStart?.[0]).toMatch(
      /^bucketStart must be/,
    );
    expect(fieldErrors({ ...valid, bucketStart: "2026-03-02T12:05:00" }).bucketStart).toHaveLength(1);
    expect(fieldErrors({ ...valid, bucketStart: null }).bucketStart).toHaveLength(1);
    expect(fieldErrors({ ...valid, metric: "revenue" }).metric?.[0]).toMatch(/^metric must be one of orders/);
    expect(fieldErrors({ ...valid, city: "Osaka" }).city?.[0]).toMatch(/^city must be/);
    expect(fieldErrors({ ...valid, value: -1 }).value?.[0]).toBe("value cannot be negative");
    expect(fieldErrors({ ...valid, value: Number.POSITIVE_INFINITY }).value?.[0]).toMatch(/^value must be/);
    expect(fieldErrors({ ...valid, value: Number.NaN }).value).toHaveLength(1);
    expect(fieldErrors({ ...valid, value: "12" }).value).toHaveLength(1);
  });

  it("keeps rates between 0 and 1", () => {
    expect(ingestPointSchema.safeParse({ ...valid, metric: "cancellation_rate", value: 0.08 }).success).toBe(
      true,
    );
    expect(ingestPointSchema.safeParse({ ...valid, metric: "cancellation_rate", value: 1 }).success).toBe(
      true,
    );
    expect(fieldErrors({ ...valid, metric: "cancellation_rate", value: 8 }).value?.[0]).toMatch(
      /ratio between 0 and 1/,
    );
    expect(ingestPointSchema.safeParse({ ...valid, metric: "orders", value: 8 }).success).toBe(true);
  });
});

describe("ingestBatchSchema", () => {
  const point = { city: "OSA", metric: "orders", bucketStart: "2026-03-02T12:05:00Z", value: 1 };

  it("rejects the same city, metric and bucket twice, pointing at the repeat", () => {
    const result = ingestBatchSchema.safeParse([
      point,
      { ...point, metric: "demand" },
      { ...point, value: 2 },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: [2, "bucketStart"],
        message: expect.stringMatching(/duplicate of point 0/),
      }),
    ]);
  });

  it("names a bucketStart that is not a date-time instead of failing the duplicate check", () => {
    const result = ingestBatchSchema.safeParse([{ ...point, bucketStart: "text" }, point]);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[0, "bucketStart"]]);
  });

  it("rejects an empty batch", () => {
    expect(ingestBatchSchema.safeParse([]).success).toBe(false);
  });
});

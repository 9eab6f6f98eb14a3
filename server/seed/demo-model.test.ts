import { describe, expect, it } from "vitest";
import type { Metric } from "../indicators/metrics.ts";
import { ingestPointSchema, type IngestPoint } from "../cities/contract.ts";
import { demoBucket, incidentAt, noise, rhythm } from "./demo-model.ts";

const value = (points: IngestPoint[], metric: Metric) =>
  points.find((p) => p.metric === metric)?.value ?? NaN;
// Monday 19:00 in Tokyo: the dinner peak.
const DINNER = new Date("2026-03-02T10:00:00Z");
const NIGHT = new Date("2026-03-02T18:00:00Z");
const tokyo = { code: "TYO", size: 1 };

describe("demo model", () => {
  it("produces valid points for every metric, quiet at night and busy at dinner", () => {
    const points = demoBucket(tokyo, DINNER, null);
    expect(points).toHaveLength(7);
    for (const point of points) expect(ingestPointSchema.safeParse(point).success).toBe(true);
    expect(value(points, "orders")).toBeGreaterThan(5 * value(demoBucket(tokyo, NIGHT, null), "orders"));
    expect(rhythm(DINNER)).toBeGreaterThan(1);
  });

  it("is deterministic per bucket, with a small wobble for the bucket still open", () => {
    expect(demoBucket(tokyo, DINNER, null)).toEqual(demoBucket(tokyo, DINNER, null));
    expect(noise("TYO", 1, 1)).not.toBe(noise("OSA", 1, 1));
    const a = value(demoBucket(tokyo, DINNER, null, -1), "demand");
    const b = value(demoBucket(tokyo, DINNER, null, 1), "demand");
    expect(b / a).toBeGreaterThan(1.03);
    expect(b / a).toBeLessThan(1.1);
  });

  it("makes incidents visible: a courier shortage tips the balance, rain fails deliveries", () => {
    const osaka = { code: "OSA", size: 0.62 };
    const normal = demoBucket(osaka, DINNER, null);
    const short = demoBucket(osaka, DINNER, "courier_shortage");
    expect(value(normal, "demand") / value(normal, "supply")).toBeLessThan(1);
    expect(value(short, "demand") / value(short, "supply")).toBeGreaterThan(1);
    expect(value(short, "avg_delivery_minutes")).toBeGreaterThan(45);
    const rain = demoBucket({ code: "FUK", size: 0.32 }, NIGHT, "rainstorm");
    expect(value(rain, "delivery_failures")).toBeGreaterThan(6);
  });

  it("scripts Osaka's recovery and Fukuoka's recurring rain", () => {
    expect(incidentAt("OSA", 10 * 60_000)).toBe("courier_shortage");
    expect(incidentAt("OSA", 30 * 60_000)).toBeNull();
    expect(incidentAt("FUK", 0)).toBe("rainstorm");
    expect(incidentAt("FUK", 60 * 60_000)).toBeNull();
    expect(incidentAt("FUK", 185 * 60_000)).toBe("rainstorm");
    expect(incidentAt("TYO", 0)).toBeNull();
  });
});

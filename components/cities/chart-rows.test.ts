import { describe, expect, it } from "vitest";
import { alertPeriods, chartRows, lastValueAt } from "./chart-rows";

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 3, minutes));

describe("chartRows", () => {
  it("lays out every step of the range and leaves gaps as null", () => {
    const rows = chartRows(
      {
        from: at(0),
        to: at(20),
        stepSeconds: 300,
        series: {
          demand: [
            { bucketStart: at(0), value: 4 },
            { bucketStart: at(10), value: 6 },
          ],
        },
      },
      ["demand", "supply"],
    );
    expect(rows).toEqual([
      { t: at(0).getTime(), demand: 4, supply: null },
      { t: at(5).getTime(), demand: null, supply: null },
      { t: at(10).getTime(), demand: 6, supply: null },
      { t: at(15).getTime(), demand: null, supply: null },
    ]);
    expect(lastValueAt(rows, ["demand"])).toBe(at(10).getTime());
    expect(lastValueAt(rows, ["supply"])).toBeNull();
  });
});

describe("alertPeriods", () => {
  const base = { severity: "warning" as const, metric: "supply" as const };
  it("keeps fired alerts on the chart's metrics that overlap the range; open ones run to now", () => {
    const periods = alertPeriods(
      [
        { ...base, id: "open", firedAt: at(5), resolvedAt: null },
        { ...base, id: "pending", firedAt: null, resolvedAt: null },
        { ...base, id: "other-metric", metric: "orders", firedAt: at(5), resolvedAt: at(6) },
        { ...base, id: "before", firedAt: at(-50), resolvedAt: at(-40) },
        { ...base, id: "done", firedAt: at(-5), resolvedAt: at(8) },
      ],
      ["supply", "demand"],
      [at(0).getTime(), at(30).getTime()],
      at(12).getTime(),
    );
    expect(periods.map((p) => [p.id, p.to])).toEqual([
      ["open", at(12).getTime()],
      ["done", at(8).getTime()],
    ]);
  });
});

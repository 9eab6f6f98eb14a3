import type { CityDayRow } from "./city-report-repository.ts";
import type { ReportRow } from "./contract.ts";
import { summarize } from "./statistics.ts";
import { groupBy as groupByKey } from "../lib/group-by.ts";

// City performance: each city-day is one item (its mean delivery time, cancellation rate and demand/supply from
// the daily rollups, and the minutes its alerts were firing), grouped by city or by day.

interface CityDay extends CityDayRow {
  alertMinutes: number;
}

/** Indicator days and alert days joined; a day with alerts but no readings still counts its alert minutes. */
export function cityDayItems(
  rows: readonly CityDayRow[],
  alertMinutes: ReadonlyMap<string, number>,
): CityDay[] {
  const items = new Map<string, CityDay>();
  for (const row of rows) items.set(`${row.cityId}|${row.day}`, { ...row, alertMinutes: 0 });
  for (const [key, minutes] of alertMinutes) {
    const [cityId = "", day = ""] = key.split("|");
    const item = items.get(key) ?? {
      cityId,
      day,
      deliveryMinutes: null,
      cancellationRate: null,
      demand: null,
      supply: null,
      alertMinutes: 0,
    };
    item.alertMinutes += minutes;
    items.set(key, item);
  }
  return [...items.values()].sort((a, b) => (a.cityId + a.day).localeCompare(b.cityId + b.day));
}

const value = (v: number | null) => ({ value: v === null ? null : Number(v), met: null });

function cityFigures(days: readonly CityDay[]) {
  return {
    deliveryMinutes: summarize(
      days.map((d) => value(d.deliveryMinutes)),
      false,
    ),
    cancellationRate: summarize(
      days.map((d) => value(d.cancellationRate === null ? null : d.cancellationRate * 100)),
      false,
    ),
    demandSupply: summarize(
      days.map((d) =>
        value(d.demand === null || d.supply === null || d.supply === 0 ? null : d.demand / d.supply),
      ),
      false,
    ),
    alertMinutes: summarize(
      days.map((d) => value(d.alertMinutes)),
      false,
    ),
  };
}

export function cityRows(
  days: readonly CityDay[],
  groupBy: string,
  labelOf: (cityId: string) => string,
): { rows: ReportRow[]; total: ReportRow } {
  const groups = groupByKey(days, (day) => (groupBy === "day" ? day.day : day.cityId));
  const rows = [...groups].map(([key, group]) => ({
    key,
    label: groupBy === "day" ? key : labelOf(key),
    figures: cityFigures(group),
  }));
  return { rows, total: { key: "total", label: "Total", figures: cityFigures(days) } };
}

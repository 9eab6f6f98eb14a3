import { randomUUID } from "node:crypto";
import type { Db } from "../server/db/client.ts";
import { alertRuleSchema, ruleToRow, type AlertRule } from "../server/alerts/rules.ts";
import { demoBucket } from "../server/seed/demo-model.ts";
import type { IngestPoint } from "../server/cities/contract.ts";
import { BUCKET_MS, METRICS } from "../server/indicators/metrics.ts";

// Data for the city benchmark: cities, plausible indicator batches, and a realistic mix of alert rules.

export interface BenchCity {
  id: string;
  code: string;
  size: number;
}

/** `count` cities with codes AAA, AAB, … and sizes spread like real cities (a few big, many small). */
export async function createCities(db: Db, count: number): Promise<BenchCity[]> {
  const cities = Array.from({ length: count }, (_, i) => {
    const code = String.fromCharCode(65 + Math.floor(i / 676), 65 + (Math.floor(i / 26) % 26), 65 + (i % 26));
    return { id: randomUUID(), code, size: Math.max(0.05, 1 / (1 + i * 0.3)) };
  });
  await db.city.createMany({
    data: cities.map(({ id, code }) => ({
      id,
      code,
      name: `Bench ${code}`,
      nameJa: `ベンチ${code}`,
      latitude: 35,
      longitude: 139,
    })),
  });
  return cities;
}

/** Every metric of every city for each bucket in [from, to), cut into batches of `batchSize` points. */
export function* indicatorBatches(
  cities: readonly BenchCity[],
  from: Date,
  to: Date,
  batchSize: number,
): Generator<IngestPoint[]> {
  let batch: IngestPoint[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += BUCKET_MS) {
    for (const city of cities) {
      batch.push(...demoBucket(city, new Date(t), null));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * `count` rules: a tenth apply to every city, the rest to one city each. Six in ten are thresholds (some tight
 * enough to fire), three in ten changes (half against last week), one in ten no-data.
 */
export function benchRules(cities: readonly BenchCity[], count: number): AlertRule[] {
  return Array.from({ length: count }, (_, i) => {
    const city = i % 10 === 0 ? null : (cities[i % cities.length]?.id ?? null);
    const metric = METRICS[i % METRICS.length] ?? "orders";
    const base = {
      id: randomUUID(),
      name: `bench rule ${i}`,
      cityId: city,
      metric,
      severity: "warning",
      forSeconds: (i % 3) * 300,
    };
    const kind = i % 10 < 6 ? "threshold" : i % 10 < 9 ? "change" : "no_data";
    const rate = metric === "cancellation_rate";
    const fields =
      kind === "threshold"
        ? { kind, operator: "above", threshold: rate ? 0.03 + (i % 5) * 0.01 : 20 + (i % 7) * 15 }
        : kind === "change"
          ? {
              kind,
              operator: i % 2 ? "drop" : "rise",
              changePercent: 20 + (i % 4) * 10,
              comparisonWindow: i % 2 ? "previous_hour" : "same_hour_last_week",
            }
          : { kind, noDataMinutes: 15 };
    return alertRuleSchema.parse({ ...base, ...fields });
  });
}

export async function insertRules(db: Db, rules: readonly AlertRule[]): Promise<void> {
  await db.alertRule.createMany({
    data: rules.map((rule) => ({
      ...ruleToRow(rule),
      metric: rule.metric,
      kind: rule.kind,
      severity: rule.severity,
    })),
  });
}

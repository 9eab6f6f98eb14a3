import type { ClientBase } from "pg";
import type { AlertState } from "../db/generated/enums.ts";
import { ALERT_RULES, RESPONSE_PLANS } from "./alert-catalog.ts";
import type { Incidents, Window } from "./incidents.ts";
import { DAY_MS, MINUTE_MS, type Rng } from "./random.ts";
import { dateOrNull, insertRows, type Row } from "./sql.ts";

// Response plans, alert rules, and the alerts the seeded incidents raised.

interface AlertSeed {
  rule: string;
  city: string;
  state: AlertState;
  window: Window;
  value: number | null;
  acknowledged?: boolean;
  silenceMinutes?: number;
}

function alertSeeds(incidents: Incidents): AlertSeed[] {
  const { osakaCourierShortage: osa, fukuokaRainstorm: fuk, tokyoKitchenOverload: tyo } = incidents;
  return [
    { rule: "osa_supply_drop", city: "OSA", state: "firing", window: osa, value: -55.2, acknowledged: true },
    {
      rule: "delivery_time_high",
      city: "OSA",
      state: "firing",
      window: osa,
      value: null,
      acknowledged: true,
      silenceMinutes: 30,
    },
    {
      rule: "cancellation_high",
      city: "OSA",
      state: "pending",
      window: { from: new Date(osa.to.getTime() - 17 * MINUTE_MS), to: osa.to },
      value: null,
    },
    {
      rule: "fuk_delivery_failures",
      city: "FUK",
      state: "resolved",
      window: fuk,
      value: null,
      acknowledged: true,
    },
    {
      rule: "delivery_time_high",
      city: "FUK",
      state: "resolved",
      window: fuk,
      value: null,
      acknowledged: true,
    },
    { rule: "cancellation_high", city: "FUK", state: "resolved", window: fuk, value: null },
    {
      rule: "orders_no_data",
      city: "SPK",
      state: "resolved",
      window: incidents.sapporoFeedGap,
      value: null,
      acknowledged: true,
    },
    {
      rule: "tyo_kitchen_overload",
      city: "TYO",
      state: "resolved",
      window: tyo,
      value: null,
      acknowledged: true,
    },
    { rule: "delivery_time_high", city: "TYO", state: "resolved", window: tyo, value: null },
    { rule: "orders_spike", city: "NGO", state: "resolved", window: incidents.nagoyaOrderSpike, value: 68.5 },
  ];
}

export async function seedAlerts(
  db: ClientBase,
  rng: Rng,
  now: Date,
  cityIds: Record<string, string>,
  incidents: Incidents,
  cityManagerId: string | null,
): Promise<void> {
  const since = new Date(now.getTime() - 90 * DAY_MS);
  const planIds = new Map<string, string>();
  await insertRows(
    db,
    "WorkflowTemplate",
    RESPONSE_PLANS.map((plan) => {
      planIds.set(plan.key, rng.uuid7(since));
      return {
        id: planIds.get(plan.key),
        key: plan.key,
        name: plan.name,
        nameJa: plan.nameJa,
        kind: "response_plan",
        steps: plan.steps,
        createdAt: since,
      };
    }),
  );

  const ruleIds = new Map<string, string>();
  await insertRows(
    db,
    "AlertRule",
    ALERT_RULES.map(({ key, city, plan, ...fields }) => {
      ruleIds.set(key, rng.uuid7(since));
      return {
        id: ruleIds.get(key),
        ...fields,
        cityId: city ? cityIds[city] : null,
        responsePlanId: plan ? planIds.get(plan) : null,
        opensRiskCase: false,
        createdAt: since,
        updatedAt: since,
      };
    }),
  );

  const nowMs = now.getTime();
  const ruleByKey = new Map(ALERT_RULES.map((r) => [r.key, r]));
  const rows: Row[] = alertSeeds(incidents).map((seed) => {
    const spec = ruleByKey.get(seed.rule);
    const ruleId = ruleIds.get(seed.rule) as string;
    const cityId = cityIds[seed.city] as string;
    const delay =
      spec?.kind === "no_data" ? (spec.noDataMinutes ?? 0) * MINUTE_MS : rng.range(5, 15) * MINUTE_MS;
    const pendingSince = Math.min(nowMs, seed.window.from.getTime() + delay);
    const firedAt = seed.state === "pending" ? null : pendingSince + (spec?.forSeconds ?? 0) * 1000;
    const resolvedAt =
      seed.state === "resolved" ? seed.window.to.getTime() + rng.range(5, 20) * MINUTE_MS : null;
    const lastBreachAt = resolvedAt === null ? nowMs : seed.window.to.getTime();
    const acknowledgedAt =
      seed.acknowledged && firedAt !== null ? Math.min(nowMs, firedAt + rng.range(2, 10) * MINUTE_MS) : null;
    return {
      id: rng.uuid7(new Date(pendingSince)),
      ruleId,
      cityId,
      openKey: seed.state === "resolved" ? null : `${ruleId}:${cityId}`,
      state: seed.state,
      severity: spec?.severity ?? "warning",
      value: seed.value,
      pendingSince: new Date(pendingSince),
      firedAt: dateOrNull(firedAt),
      lastBreachAt: new Date(lastBreachAt),
      resolvedAt: dateOrNull(resolvedAt),
      acknowledgedAt: dateOrNull(acknowledgedAt),
      acknowledgedById: acknowledgedAt === null ? null : cityManagerId,
      silencedUntil: seed.silenceMinutes ? new Date(nowMs + seed.silenceMinutes * MINUTE_MS) : null,
      silencedById: seed.silenceMinutes ? cityManagerId : null,
      lastEvaluatedAt: new Date(resolvedAt ?? nowMs),
      version:
        1 +
        [firedAt, resolvedAt, acknowledgedAt, seed.silenceMinutes ?? null].filter((v) => v !== null).length,
    };
  });
  await insertRows(db, "Alert", rows);
  // Threshold alerts carry the worst indicator value seen while they were breaching.
  await db.query(
    `UPDATE "Alert" a SET value = (
       SELECT CASE r.operator WHEN 'below' THEN min(i.value) ELSE max(i.value) END FROM "CityIndicator" i
        WHERE i."cityId" = a."cityId" AND i.metric = r.metric
          AND i."bucketStart" >= a."pendingSince" - interval '15 minutes' AND i."bucketStart" <= a."lastBreachAt")
       FROM "AlertRule" r
      WHERE r.id = a."ruleId" AND r.kind = 'threshold' AND a.value IS NULL AND a.id = ANY($1::uuid[])`,
    [rows.map((row) => row.id)],
  );
}

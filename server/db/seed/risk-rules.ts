import type { RiskLevel, RiskType } from "../generated/enums.ts";
import type { Rng } from "./random.ts";

// Version 1 of the risk scoring rules, and the signal attributes the demo generates for them.

export interface RiskRule {
  id: string;
  label: string;
  signalType?: RiskType;
  condition: { attribute: string; op: ">=" | ">" | "==" | "<="; value: number };
  weight: number;
  cap: number;
}

export const RISK_THRESHOLDS = { medium: 40, high: 70, critical: 90 } as const;

export const RULE_SET_NOTES =
  "Each signal matching a rule adds `weight` points, at most `cap` per rule; the score is the sum, capped at 100.";

const rule = (
  id: string,
  label: string,
  signalType: RiskType | undefined,
  [attribute, op, value]: [string, RiskRule["condition"]["op"], number],
  weight: number,
  cap: number,
): RiskRule => ({
  id,
  label,
  ...(signalType ? { signalType } : {}),
  condition: { attribute, op, value },
  weight,
  cap,
});

export const RISK_RULES: readonly RiskRule[] = [
  rule("oa_order_burst", "6+ orders within an hour", "order_anomaly", ["ordersLast1h", ">=", 6], 20, 40),
  rule("oa_high_amount", "Order total ≥ ¥30,000", "order_anomaly", ["amountJpy", ">=", 30000], 15, 30),
  rule(
    "oa_many_addresses",
    "4+ delivery addresses in 24h",
    "order_anomaly",
    ["distinctAddresses24h", ">=", 4],
    15,
    30,
  ),
  rule("ra_refund_count", "3+ refunds in 24h", "refund_abuse", ["refundCount24h", ">=", 3], 25, 50),
  rule("ra_refund_amount", "Refunds ≥ ¥10,000", "refund_abuse", ["amountJpy", ">=", 10000], 15, 30),
  rule(
    "ra_new_account",
    "Account younger than 14 days",
    "refund_abuse",
    ["accountAgeDays", "<=", 14],
    20,
    20,
  ),
  rule(
    "pa_declines",
    "4+ declined payments in an hour",
    "payment_anomaly",
    ["declinedAttempts1h", ">=", 4],
    25,
    50,
  ),
  rule("pa_card_cycling", "3+ cards in 24h", "payment_anomaly", ["distinctCards24h", ">=", 3], 20, 40),
  rule("at_new_device", "Login from a new device", "account_takeover", ["newDevice", "==", 1], 15, 15),
  rule(
    "at_password_resets",
    "2+ password resets in 24h",
    "account_takeover",
    ["passwordResets24h", ">=", 2],
    20,
    40,
  ),
  rule(
    "at_geo_jump",
    "Login 300 km+ from the last one",
    "account_takeover",
    ["geoDistanceKm", ">", 300],
    25,
    50,
  ),
  rule(
    "df_far_dropoff",
    "Marked delivered 500 m+ from drop-off",
    "delivery_fraud",
    ["deliveredFarMeters", ">", 500],
    25,
    50,
  ),
  rule(
    "df_failed",
    "3+ failed deliveries in 24h",
    "delivery_fraud",
    ["failedDeliveries24h", ">=", 3],
    15,
    30,
  ),
  rule("df_gps_gap", "GPS silent for 15+ minutes", "delivery_fraud", ["gpsGapMinutes", ">=", 15], 10, 20),
  rule("cs_speeding", "Speed above 50 km/h", "courier_safety", ["maxSpeedKmh", ">", 50], 25, 50),
  rule(
    "cs_harsh_braking",
    "5+ harsh brakes in an hour",
    "courier_safety",
    ["harshBrakes1h", ">=", 5],
    15,
    30,
  ),
  rule("cs_fatigue", "Online 12+ hours in 24h", "courier_safety", ["hoursOnline24h", ">=", 12], 20, 20),
  rule(
    "rc_shared_devices",
    "Device shared with 2+ couriers",
    "restaurant_collusion",
    ["sharedDeviceCouriers", ">=", 2],
    25,
    50,
  ),
  rule(
    "rc_cancel_after_pickup",
    "4+ cancellations after pickup",
    "restaurant_collusion",
    ["cancelledAfterPickup24h", ">=", 4],
    15,
    30,
  ),
  rule(
    "rc_self_orders",
    "20%+ orders from linked accounts",
    "restaurant_collusion",
    ["selfOrderRatio", ">=", 0.2],
    20,
    40,
  ),
  rule("any_high_value", "Any signal worth ¥50,000+", undefined, ["amountJpy", ">=", 50000], 10, 10),
];

type Attributes = Record<string, number>;

const yen = (rng: Rng, base: number, span: number, intensity: number) =>
  Math.round((base + span * intensity * rng.range(0.7, 1.3)) / 10) * 10;
const count = (rng: Rng, max: number, intensity: number) =>
  Math.max(0, Math.round(max * intensity * rng.range(0.6, 1.3)));

/** Attributes for one signal; intensity in [0, 1] moves them across the rule thresholds. */
export const SIGNAL_ATTRIBUTES: Record<RiskType, (rng: Rng, intensity: number) => Attributes> = {
  order_anomaly: (rng, i) => ({
    ordersLast1h: 1 + count(rng, 11, i),
    amountJpy: yen(rng, 1500, 60000, i),
    distinctAddresses24h: 1 + count(rng, 6, i),
  }),
  refund_abuse: (rng, i) => ({
    refundCount24h: count(rng, 6, i),
    amountJpy: yen(rng, 800, 20000, i),
    accountAgeDays: Math.round((1 - i) * rng.range(5, 600)),
  }),
  payment_anomaly: (rng, i) => ({
    declinedAttempts1h: count(rng, 9, i),
    distinctCards24h: 1 + count(rng, 5, i),
    amountJpy: yen(rng, 2000, 70000, i),
  }),
  account_takeover: (rng, i) => ({
    newDevice: rng.chance(0.3 + 0.6 * i) ? 1 : 0,
    passwordResets24h: count(rng, 4, i),
    geoDistanceKm: Math.round(900 * i * rng.next()),
  }),
  delivery_fraud: (rng, i) => ({
    deliveredFarMeters: Math.round(1500 * i * rng.range(0.3, 1.2)),
    failedDeliveries24h: count(rng, 7, i),
    gpsGapMinutes: count(rng, 35, i),
  }),
  courier_safety: (rng, i) => ({
    maxSpeedKmh: Math.round(22 + 50 * i * rng.range(0.5, 1.1)),
    harshBrakes1h: count(rng, 11, i),
    hoursOnline24h: Math.round(4 + 12 * i * rng.next()),
  }),
  restaurant_collusion: (rng, i) => ({
    sharedDeviceCouriers: count(rng, 5, i),
    cancelledAfterPickup24h: count(rng, 9, i),
    selfOrderRatio: Math.round(i * rng.range(0.1, 0.55) * 100) / 100,
  }),
};

function matches(condition: RiskRule["condition"], attributes: Attributes): boolean {
  const actual = attributes[condition.attribute];
  if (actual === undefined) return false;
  switch (condition.op) {
    case ">=":
      return actual >= condition.value;
    case ">":
      return actual > condition.value;
    case "==":
      return actual === condition.value;
    case "<=":
      return actual <= condition.value;
  }
}

export interface Contribution {
  ruleId: string;
  label: string;
  points: number;
}

export function scoreSignals(signals: readonly { type: RiskType; attributes: Attributes }[]) {
  const contributions: Contribution[] = [];
  for (const r of RISK_RULES) {
    const hits = signals.filter(
      (s) => (!r.signalType || r.signalType === s.type) && matches(r.condition, s.attributes),
    );
    if (hits.length > 0)
      contributions.push({ ruleId: r.id, label: r.label, points: Math.min(r.cap, r.weight * hits.length) });
  }
  const score = Math.min(
    100,
    contributions.reduce((sum, c) => sum + c.points, 0),
  );
  return { score, level: levelOf(score), contributions };
}

export function levelOf(score: number): RiskLevel {
  if (score >= RISK_THRESHOLDS.critical) return "critical";
  if (score >= RISK_THRESHOLDS.high) return "high";
  if (score >= RISK_THRESHOLDS.medium) return "medium";
  return "low";
}

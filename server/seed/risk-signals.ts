import type { RiskType } from "../db/generated/enums.ts";
import type { Rng } from "./random.ts";

// Signal attributes the demo generates, named as the default rules (server/risk/default-rule-set.ts) expect.

type Attributes = Record<string, number | boolean>;

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
    accountAgeDays: Math.round((1 - i) * rng.range(5, 1200)),
  }),
  payment_anomaly: (rng, i) => ({
    declinedAttempts1h: count(rng, 9, i),
    distinctCards24h: 1 + count(rng, 5, i),
    amountJpy: yen(rng, 2000, 70000, i),
    threeDsPassed: rng.chance(0.5 * (1 - i)),
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

import type { RiskType } from "./types.ts";
import type { AttributeCondition, HistoryCondition, Rule, RuleSet } from "./rule-set.ts";

// Version 1 of the scoring rules. Attribute names are the ones the event producers (and the demo
// seed) emit, so a rule that names anything else never matches; keep them in step.

type Comparison = [AttributeCondition["attribute"], AttributeCondition["op"], AttributeCondition["value"]];
type Labels = [en: string, ja: string];

function when(
  id: string,
  signalType: RiskType | undefined,
  [attribute, op, value]: Comparison,
  weight: number,
  cap: number,
  [label, labelJa]: Labels,
): Rule {
  return {
    id,
    label,
    labelJa,
    ...(signalType ? { signalType } : {}),
    condition: { attribute, op, value },
    weight,
    cap,
  };
}

// History rules contribute once, so their cap is their weight.
function repeated(
  id: string,
  signalType: RiskType,
  history: HistoryCondition["history"],
  weight: number,
  [label, labelJa]: Labels,
): Rule {
  return { id, label, labelJa, signalType, condition: { history }, weight, cap: Math.abs(weight) };
}

// A table reads better than prettier's one-argument-per-line layout.
// prettier-ignore
const RULES: Rule[] = [
  when("oa_order_burst", "order_anomaly", ["ordersLast1h", ">=", 6], 20, 40, ["6+ orders within an hour", "1時間以内に6件以上の注文"]),
  when("oa_high_amount", "order_anomaly", ["amountJpy", ">=", 30000], 15, 30, ["Order total ≥ ¥30,000", "注文金額が¥30,000以上"]),
  when("oa_many_addresses", "order_anomaly", ["distinctAddresses24h", ">=", 4], 15, 30, ["4+ delivery addresses in 24 h", "24時間以内に4か所以上の配達先"]),

  when("ra_refund_count", "refund_abuse", ["refundCount24h", ">=", 3], 25, 50, ["3+ refunds in 24 h", "24時間以内に3回以上の返金"]),
  when("ra_refund_amount", "refund_abuse", ["amountJpy", ">=", 10000], 15, 30, ["Refunds ≥ ¥10,000", "返金額が¥10,000以上"]),
  when("ra_new_account", "refund_abuse", ["accountAgeDays", "<=", 14], 20, 20, ["Account younger than 14 days", "作成から14日以内のアカウント"]),
  when("ra_established_account", "refund_abuse", ["accountAgeDays", ">=", 730], -15, 15, ["Account older than 2 years", "利用歴2年以上のアカウント"]),
  repeated("ra_repeat_signals", "refund_abuse", { windowHours: 24, minCount: 3 }, 20, ["3+ refund-abuse signals within 24 h", "24時間以内に返金不正シグナルが3件以上"]),

  when("pa_declines", "payment_anomaly", ["declinedAttempts1h", ">=", 4], 25, 50, ["4+ declined payments in an hour", "1時間以内に4回以上の決済拒否"]),
  when("pa_card_cycling", "payment_anomaly", ["distinctCards24h", ">=", 3], 20, 40, ["3+ cards in 24 h", "24時間以内に3枚以上のカードを使用"]),
  when("pa_three_ds_passed", "payment_anomaly", ["threeDsPassed", "==", true], -20, 20, ["Payment passed 3-D Secure", "3Dセキュア認証に成功"]),

  when("at_new_device", "account_takeover", ["newDevice", "==", 1], 15, 15, ["Login from a new device", "新しい端末からのログイン"]),
  when("at_password_resets", "account_takeover", ["passwordResets24h", ">=", 2], 20, 40, ["2+ password resets in 24 h", "24時間以内に2回以上のパスワード再設定"]),
  when("at_geo_jump", "account_takeover", ["geoDistanceKm", ">", 300], 25, 50, ["Login 300 km+ from the previous one", "前回から300km以上離れた場所でのログイン"]),
  repeated("at_refunds_after_takeover", "account_takeover", { signalType: "refund_abuse", windowHours: 72, minCount: 1 }, 20, ["Refund-abuse signal within 72 h before a takeover signal", "乗っ取り兆候の前72時間以内に返金不正シグナル"]),

  when("df_far_dropoff", "delivery_fraud", ["deliveredFarMeters", ">", 500], 25, 50, ["Marked delivered 500 m+ from the drop-off", "届け先から500m以上離れた地点で配達完了"]),
  when("df_failed", "delivery_fraud", ["failedDeliveries24h", ">=", 3], 15, 30, ["3+ failed deliveries in 24 h", "24時間以内に3件以上の配達失敗"]),
  when("df_gps_gap", "delivery_fraud", ["gpsGapMinutes", ">=", 15], 10, 20, ["GPS silent for 15+ minutes", "GPSが15分以上途絶"]),
  repeated("df_repeat_signals", "delivery_fraud", { windowHours: 168, minCount: 3 }, 15, ["3+ delivery-fraud signals within 7 days", "7日以内に配達不正シグナルが3件以上"]),

  when("cs_speeding", "courier_safety", ["maxSpeedKmh", ">", 50], 25, 50, ["Speed above 50 km/h", "時速50km超の走行"]),
  when("cs_harsh_braking", "courier_safety", ["harshBrakes1h", ">=", 5], 15, 30, ["5+ harsh brakes in an hour", "1時間以内に5回以上の急ブレーキ"]),
  when("cs_fatigue", "courier_safety", ["hoursOnline24h", ">=", 12], 20, 20, ["Online 12+ hours in 24 h", "24時間で12時間以上オンライン"]),

  when("rc_shared_devices", "restaurant_collusion", ["sharedDeviceCouriers", ">=", 2], 25, 50, ["Device shared with 2+ couriers", "2人以上の配達員と端末を共有"]),
  when("rc_cancel_after_pickup", "restaurant_collusion", ["cancelledAfterPickup24h", ">=", 4], 15, 30, ["4+ cancellations after pickup in 24 h", "24時間以内に受け取り後のキャンセルが4件以上"]),
  when("rc_self_orders", "restaurant_collusion", ["selfOrderRatio", ">=", 0.2], 20, 40, ["20%+ of orders from linked accounts", "関連アカウントからの注文が20%以上"]),

  when("any_high_value", undefined, ["amountJpy", ">=", 50000], 10, 10, ["Any signal worth ¥50,000+", "¥50,000以上のシグナル"]),
];

export const DEFAULT_RULE_SET: RuleSet = {
  version: 1,
  rules: RULES,
  thresholds: { medium: 40, high: 70, critical: 90 },
};

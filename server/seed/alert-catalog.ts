import type { AlertRuleKind, AlertSeverity, Metric } from "../db/generated/enums.ts";

// Response plans (workflow templates of kind "response_plan") and the alert rules of the demo.

const step = (key: string, title: string, titleJa: string) => ({ key, title, titleJa });

export const RESPONSE_PLANS = [
  {
    key: "courier_shortage",
    name: "Courier shortage",
    nameJa: "配達員不足への対応",
    steps: [
      step("raise_incentive", "Raise courier incentive", "配達員インセンティブを引き上げる"),
      step("widen_radius", "Widen dispatch radius", "配車範囲を広げる"),
      step("throttle_orders", "Throttle new orders", "新規注文の受付を制限する"),
      step("notify_restaurants", "Tell restaurants about delays", "加盟店に遅延を通知する"),
    ],
  },
  {
    key: "severe_weather",
    name: "Severe weather",
    nameJa: "悪天候への対応",
    steps: [
      step("weather_bonus", "Switch on the bad-weather bonus", "悪天候手当を有効にする"),
      step("extend_eta", "Extend delivery time estimates", "配達予定時刻を延長表示する"),
      step("pause_bicycles", "Pause bicycle deliveries", "自転車での配達を一時停止する"),
      step("notify_customers", "Tell customers about delays", "お客様に遅延をお知らせする"),
    ],
  },
  {
    key: "kitchen_overload",
    name: "Kitchen overload",
    nameJa: "店舗の調理遅延への対応",
    steps: [
      step("call_restaurants", "Call the busiest restaurants", "混雑している加盟店に連絡する"),
      step("pause_menus", "Pause slow menu items", "調理に時間のかかるメニューを一時停止する"),
      step("throttle_restaurants", "Throttle orders per restaurant", "店舗ごとの受注を制限する"),
    ],
  },
  {
    key: "feed_outage",
    name: "Indicator feed outage",
    nameJa: "指標データ欠損への対応",
    steps: [
      step("check_ingestion", "Check the ingestion endpoint", "データ受信エンドポイントを確認する"),
      step("contact_source", "Contact the sending platform team", "送信元チームに連絡する"),
      step("confirm_recovery", "Confirm data is flowing again", "データの復旧を確認する"),
    ],
  },
] as const;

type PlanKey = (typeof RESPONSE_PLANS)[number]["key"];

export interface RuleSeed {
  key: string;
  name: string;
  city: string | null;
  metric: Metric;
  kind: AlertRuleKind;
  operator: string;
  threshold: number | null;
  recoveryThreshold: number | null;
  comparisonWindow: string | null;
  noDataMinutes: number | null;
  forSeconds: number;
  keepFiringForSeconds: number;
  severity: AlertSeverity;
  enabled: boolean;
  plan: PlanKey | null;
  opensTicket: boolean;
}

const rule = (
  seed: Partial<RuleSeed> & Pick<RuleSeed, "key" | "name" | "metric" | "kind" | "operator" | "severity">,
): RuleSeed => ({
  city: null,
  threshold: null,
  recoveryThreshold: null,
  comparisonWindow: null,
  noDataMinutes: null,
  forSeconds: 0,
  keepFiringForSeconds: 0,
  enabled: true,
  plan: null,
  opensTicket: false,
  ...seed,
});

// change rules: threshold is a percentage. no_data rules use the operator "absent".
export const ALERT_RULES: readonly RuleSeed[] = [
  rule({
    key: "osa_supply_drop",
    name: "大阪 配達員不足 (supply −40% vs last week)",
    city: "OSA",
    metric: "supply",
    kind: "change",
    operator: "drop",
    threshold: 40,
    comparisonWindow: "same_hour_last_week",
    forSeconds: 600,
    keepFiringForSeconds: 900,
    severity: "critical",
    plan: "courier_shortage",
    opensTicket: true,
  }),
  rule({
    key: "delivery_time_high",
    name: "Average delivery time above 45 min",
    metric: "avg_delivery_minutes",
    kind: "threshold",
    operator: "above",
    threshold: 45,
    recoveryThreshold: 40,
    forSeconds: 900,
    keepFiringForSeconds: 600,
    severity: "warning",
    plan: "courier_shortage",
  }),
  rule({
    key: "cancellation_high",
    name: "Cancellation rate above 8%",
    metric: "cancellation_rate",
    kind: "threshold",
    operator: "above",
    threshold: 0.08,
    recoveryThreshold: 0.06,
    forSeconds: 900,
    severity: "warning",
  }),
  rule({
    key: "orders_drop",
    name: "Orders down 35% vs same hour last week",
    metric: "orders",
    kind: "change",
    operator: "drop",
    threshold: 35,
    comparisonWindow: "same_hour_last_week",
    forSeconds: 900,
    severity: "critical",
    opensTicket: true,
  }),
  rule({
    key: "orders_spike",
    name: "Orders up 50% vs previous hour",
    metric: "orders",
    kind: "change",
    operator: "rise",
    threshold: 50,
    comparisonWindow: "previous_hour",
    forSeconds: 300,
    severity: "info",
  }),
  rule({
    key: "tyo_kitchen_overload",
    name: "東京 調理遅延店舗が25店超",
    city: "TYO",
    metric: "kitchen_overloads",
    kind: "threshold",
    operator: "above",
    threshold: 25,
    recoveryThreshold: 15,
    forSeconds: 600,
    severity: "warning",
    plan: "kitchen_overload",
  }),
  rule({
    key: "fuk_delivery_failures",
    name: "福岡 配達失敗の増加",
    city: "FUK",
    metric: "delivery_failures",
    kind: "threshold",
    operator: "above",
    threshold: 6,
    recoveryThreshold: 3,
    // Short, so the demo feed's Fukuoka rain fires an alert within minutes of `npm start`.
    forSeconds: 180,
    severity: "warning",
    plan: "severe_weather",
  }),
  rule({
    key: "orders_no_data",
    name: "No order data for 15 min",
    metric: "orders",
    kind: "no_data",
    operator: "absent",
    noDataMinutes: 15,
    severity: "critical",
    plan: "feed_outage",
  }),
  rule({
    key: "sdj_supply_low",
    name: "仙台 稼働配達員が20人未満",
    city: "SDJ",
    metric: "supply",
    kind: "threshold",
    operator: "below",
    threshold: 20,
    recoveryThreshold: 30,
    forSeconds: 1800,
    severity: "warning",
    enabled: false,
  }),
];

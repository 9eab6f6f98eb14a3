import { levelRank, type RiskLevel, type RiskType } from "./types.ts";

// Recommended mitigations per risk type. `kind` is stored in MitigationAction.kind, so keys are
// stable: rename a title freely, never a key.

export const MITIGATION_KINDS = {
  watchlist_subject: { title: "Add to watchlist", titleJa: "監視リストに追加" },
  audit_orders: { title: "Audit recent orders", titleJa: "直近の注文を監査" },
  refund_review: { title: "Review refunds manually", titleJa: "返金を手動審査" },
  freeze_refunds: { title: "Freeze refunds", titleJa: "返金を凍結" },
  hold_orders: { title: "Hold new orders for review", titleJa: "新規注文を保留して確認" },
  require_3ds: { title: "Require 3-D Secure on payments", titleJa: "決済に3Dセキュアを必須化" },
  block_card: { title: "Block the payment card", titleJa: "決済カードをブロック" },
  require_id_verification: { title: "Require identity re-verification", titleJa: "本人確認の再実施を要求" },
  revoke_sessions: { title: "Sign out all sessions", titleJa: "全セッションをログアウト" },
  force_password_reset: { title: "Force a password reset", titleJa: "パスワードの強制リセット" },
  suspend_account: { title: "Block the account", titleJa: "アカウントを停止" },
  contact_subject: { title: "Contact the subject", titleJa: "本人に連絡" },
  review_delivery_proof: { title: "Review delivery proof and GPS trace", titleJa: "配達証明とGPS履歴を確認" },
  hold_payouts: { title: "Freeze payouts", titleJa: "支払いを凍結" },
  safety_training: { title: "Assign safety training", titleJa: "安全講習を受講させる" },
  pause_courier: { title: "Pause the courier's shifts", titleJa: "配達員の稼働を一時停止" },
  deactivate_courier: { title: "Deactivate the courier", titleJa: "配達員アカウントを停止" },
  suspend_menu: { title: "Suspend the menu", titleJa: "メニューの掲載を停止" },
  suspend_restaurant: { title: "Suspend the restaurant", titleJa: "店舗の営業を停止" },
} as const satisfies Record<string, { title: string; titleJa: string }>;

export type MitigationKind = keyof typeof MITIGATION_KINDS;

export function isMitigationKind(value: string): value is MitigationKind {
  return Object.hasOwn(MITIGATION_KINDS, value);
}

/** Display title for a stored kind; unknown kinds (retired or foreign) show their key. */
export function mitigationTitle(kind: string, locale: "en" | "ja" = "en"): string {
  if (!isMitigationKind(kind)) return kind;
  const { title, titleJa } = MITIGATION_KINDS[kind];
  return locale === "ja" ? titleJa : title;
}

/** Each step is recommended from `from` upwards, so a higher level keeps every weaker action. */
type Step = readonly [kind: MitigationKind, from: RiskLevel];

export const PLAYBOOKS: Readonly<Record<RiskType, readonly Step[]>> = {
  order_anomaly: [
    ["watchlist_subject", "low"],
    ["audit_orders", "medium"],
    ["hold_orders", "high"],
    ["require_id_verification", "high"],
    ["suspend_account", "critical"],
  ],
  refund_abuse: [
    ["refund_review", "low"],
    ["freeze_refunds", "medium"],
    ["require_id_verification", "high"],
    ["suspend_account", "critical"],
  ],
  payment_anomaly: [
    ["watchlist_subject", "low"],
    ["require_3ds", "medium"],
    ["block_card", "high"],
    ["hold_orders", "high"],
    ["suspend_account", "critical"],
  ],
  account_takeover: [
    ["watchlist_subject", "low"],
    ["revoke_sessions", "medium"],
    ["force_password_reset", "medium"],
    ["require_id_verification", "high"],
    ["suspend_account", "critical"],
  ],
  delivery_fraud: [
    ["review_delivery_proof", "low"],
    ["contact_subject", "medium"],
    ["hold_payouts", "high"],
    ["deactivate_courier", "critical"],
  ],
  courier_safety: [
    ["contact_subject", "low"],
    ["safety_training", "medium"],
    ["pause_courier", "high"],
    ["deactivate_courier", "critical"],
  ],
  // No "contact" step: reaching out would tip off colluding parties.
  restaurant_collusion: [
    ["watchlist_subject", "low"],
    ["audit_orders", "medium"],
    ["hold_payouts", "high"],
    ["suspend_menu", "high"],
    ["suspend_restaurant", "critical"],
  ],
};

export interface RecommendedAction {
  kind: MitigationKind;
  title: string;
  titleJa: string;
  /** Lowest level at which the playbook recommends this action. */
  from: RiskLevel;
}

/** Weakest first; the UI offers them as a checklist when a case is opened or escalated. */
export function recommendedActions(type: RiskType, level: RiskLevel): RecommendedAction[] {
  return PLAYBOOKS[type]
    .filter(([, from]) => levelRank(from) <= levelRank(level))
    .map(([kind, from]) => ({ kind, ...MITIGATION_KINDS[kind], from }));
}

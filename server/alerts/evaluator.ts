import { worstValue, type ConditionResult } from "./condition.ts";
import type { AlertRule, Severity } from "./rules.ts";

// The alert lifecycle per (rule, city), after Prometheus's alerting rules:
//   normal ──breach──▶ pending ──held for `forSeconds`──▶ firing ──recovered and keep_firing_for over──▶ resolved
//   pending ──no longer breaching──▶ normal (the pending alert is dropped, nothing was announced)
// Resolved is terminal: the next breach opens a new alert. Acknowledging and silencing are a person's flags on
// an open alert; they never change the state, silencing only holds back notifications.

export type AlertState = "pending" | "firing" | "resolved";
type Transition = "none" | "pending" | "firing" | "resolved" | "pending_cancelled";
type AlertEventType = "AlertTriggered" | "AlertResolved";

/** Mirrors the Alert table without its id and version, which the repository owns. */
export interface AlertInstance {
  ruleId: string;
  cityId: string;
  /** `${ruleId}:${cityId}` while open (unique: one open alert per rule and city), null once resolved. */
  openKey: string | null;
  state: AlertState;
  /** The rule's severity when the alert opened. */
  severity: Severity;
  /** The worst value seen while breaching (see worstValue). */
  value: number | null;
  pendingSince: Date;
  firedAt: Date | null;
  lastBreachAt: Date | null;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  silencedUntil: Date | null;
  silencedById: string | null;
  lastEvaluatedAt: Date;
}

export interface Evaluation {
  /** The instance to store; null means no open alert (a cancelled pending alert is deleted, not resolved). */
  next: AlertInstance | null;
  transition: Transition;
  /** The domain event to record with this write, if any. Recorded even while silenced. */
  event: AlertEventType | null;
  /** Send a notification: an event happened and the alert is not silenced. */
  notify: boolean;
}

export function openKey(ruleId: string, cityId: string): string {
  return `${ruleId}:${cityId}`;
}

export function isOpen(instance: AlertInstance): boolean {
  return instance.state !== "resolved";
}

export function isSilenced(instance: AlertInstance, now: Date): boolean {
  return instance.silencedUntil !== null && instance.silencedUntil.getTime() > now.getTime();
}

function withExpiredSilenceCleared(instance: AlertInstance, now: Date): AlertInstance {
  if (instance.silencedUntil === null || isSilenced(instance, now)) return instance;
  return { ...instance, silencedUntil: null, silencedById: null };
}

function outcome(
  next: AlertInstance | null,
  transition: Transition,
  event: AlertEventType | null,
  now: Date,
): Evaluation {
  return { next, transition, event, notify: event !== null && next !== null && !isSilenced(next, now) };
}

function checkArguments(previous: AlertInstance | null, rule: AlertRule, now: Date, cityId: string): void {
  if (!Number.isFinite(now.getTime())) throw new RangeError("evaluate: invalid now");
  if (rule.cityId !== null && rule.cityId !== cityId) {
    throw new Error(`evaluate: rule ${rule.id} is for city ${rule.cityId}, not ${cityId}`);
  }
  if (previous === null) return;
  if (previous.ruleId !== rule.id || previous.cityId !== cityId) {
    throw new Error(
      `evaluate: alert ${openKey(previous.ruleId, previous.cityId)} passed for ${openKey(rule.id, cityId)}`,
    );
  }
  // An evaluation older than the stored one would rewind pendingSince and lastBreachAt.
  if (now.getTime() < previous.lastEvaluatedAt.getTime()) {
    throw new RangeError(
      "evaluate: now is before the alert's last evaluation; evaluations must move forward",
    );
  }
}

/**
 * One evaluation step for one (rule, city). `previous` is the open alert for openKey(rule.id, cityId), if any;
 * a resolved alert is accepted and treated as none.
 */
export function evaluate(
  previous: AlertInstance | null,
  result: ConditionResult,
  rule: AlertRule,
  now: Date,
  cityId: string,
): Evaluation {
  checkArguments(previous, rule, now, cityId);
  const open = previous !== null && isOpen(previous) ? withExpiredSilenceCleared(previous, now) : null;
  const nowMs = now.getTime();

  if (open === null) {
    if (!result.breaching) return outcome(null, "none", null, now);
    const pending: AlertInstance = {
      ruleId: rule.id,
      cityId,
      openKey: openKey(rule.id, cityId),
      state: "pending",
      severity: rule.severity,
      value: result.value,
      pendingSince: now,
      firedAt: null,
      lastBreachAt: now,
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedById: null,
      silencedUntil: null,
      silencedById: null,
      lastEvaluatedAt: now,
    };
    if (rule.forSeconds === 0)
      return outcome({ ...pending, state: "firing", firedAt: now }, "firing", "AlertTriggered", now);
    return outcome(pending, "pending", null, now);
  }

  if (open.state === "pending") {
    // Any evaluation that does not breach (including one without data) breaks the continuous run.
    if (!result.breaching) return outcome(null, "pending_cancelled", null, now);
    const held: AlertInstance = {
      ...open,
      value: worstValue(rule, open.value, result.value),
      lastBreachAt: now,
      lastEvaluatedAt: now,
    };
    if (nowMs - open.pendingSince.getTime() >= rule.forSeconds * 1000) {
      return outcome({ ...held, state: "firing", firedAt: now }, "firing", "AlertTriggered", now);
    }
    return outcome(held, "none", null, now);
  }

  if (result.breaching) {
    return outcome(
      { ...open, value: worstValue(rule, open.value, result.value), lastBreachAt: now, lastEvaluatedAt: now },
      "none",
      null,
      now,
    );
  }
  // Prometheus starts keep_firing_for at the first evaluation that no longer breaches; we count from the last
  // one that did (Alert.lastBreachAt), which is at most one evaluation interval shorter.
  const lastBreachMs = (open.lastBreachAt ?? open.firedAt ?? open.pendingSince).getTime();
  const keptLongEnough = nowMs - lastBreachMs >= rule.keepFiringForSeconds * 1000;
  if (result.recovered && keptLongEnough) {
    return outcome(
      { ...open, state: "resolved", openKey: null, resolvedAt: now, lastEvaluatedAt: now },
      "resolved",
      "AlertResolved",
      now,
    );
  }
  return outcome({ ...open, lastEvaluatedAt: now }, "none", null, now);
}

export type ActionResult = { ok: true; alert: AlertInstance } | { ok: false; reason: string };

/** A person takes ownership of an open alert. The state machine ignores it. */
export function acknowledge(instance: AlertInstance, userId: string, now: Date): ActionResult {
  if (!isOpen(instance)) return { ok: false, reason: "A resolved alert cannot be acknowledged" };
  if (instance.acknowledgedAt !== null) return { ok: false, reason: "The alert is already acknowledged" };
  return { ok: true, alert: { ...instance, acknowledgedAt: now, acknowledgedById: userId } };
}

/** Holds back notifications until `until`; evaluation carries on and the silence ends by itself. */
export function silence(instance: AlertInstance, until: Date, userId: string, now: Date): ActionResult {
  if (!isOpen(instance)) return { ok: false, reason: "A resolved alert cannot be silenced" };
  if (!(until.getTime() > now.getTime())) return { ok: false, reason: "A silence must end in the future" };
  return { ok: true, alert: { ...instance, silencedUntil: until, silencedById: userId } };
}

export function unsilence(instance: AlertInstance): ActionResult {
  if (instance.silencedUntil === null) return { ok: false, reason: "The alert is not silenced" };
  return { ok: true, alert: { ...instance, silencedUntil: null, silencedById: null } };
}

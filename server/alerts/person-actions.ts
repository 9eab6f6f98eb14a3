import type { ActionResult, AlertInstance } from "./evaluator.ts";

// A person closes an alert by hand (the incident is handled, or the rule was noisy). Like a recovery, it ends
// the alert for good: if the condition still holds, the next evaluation opens a new one after `forSeconds`.

export function resolveByPerson(instance: AlertInstance, now: Date): ActionResult {
  if (instance.state === "resolved") return { ok: false, reason: "The alert is already resolved" };
  if (instance.state === "pending") {
    return {
      ok: false,
      reason: "A pending alert has not fired yet; it lapses by itself when the condition clears",
    };
  }
  return {
    ok: true,
    alert: { ...instance, state: "resolved", openKey: null, resolvedAt: now, lastEvaluatedAt: now },
  };
}

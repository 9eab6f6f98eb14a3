import { describe, expect, it } from "vitest";
import {
  acknowledge,
  isSilenced,
  silence,
  unsilence,
  type ActionResult,
  type AlertInstance,
} from "./evaluator.ts";
import { USER_ID, at, breach, clear, machine, thresholdRule } from "./test-fixtures.ts";

function ok(result: ActionResult): AlertInstance {
  if (!result.ok) throw new Error(result.reason);
  return result.alert;
}

describe("acknowledge", () => {
  it("flags a pending or firing alert without changing its state", () => {
    const m = machine(thresholdRule({ forSeconds: 300 }));
    m.step(breach());
    m.alert = ok(acknowledge(m.alert as AlertInstance, USER_ID, at(6)));
    expect(m.alert).toMatchObject({ state: "pending", acknowledgedAt: at(6), acknowledgedById: USER_ID });
    expect(m.step(breach())).toMatchObject({ transition: "firing", notify: true });
    expect(m.alert).toMatchObject({ state: "firing", acknowledgedAt: at(6) });
    expect(m.step(clear()).next).toMatchObject({ state: "resolved", acknowledgedById: USER_ID });
  });

  it("refuses a resolved or already acknowledged alert", () => {
    const m = machine(thresholdRule());
    m.step(breach());
    const acknowledged = ok(acknowledge(m.alert as AlertInstance, USER_ID, at(6)));
    expect(acknowledge(acknowledged, USER_ID, at(7))).toEqual({
      ok: false,
      reason: "The alert is already acknowledged",
    });
    const resolved = m.step(clear()).next as AlertInstance;
    expect(acknowledge(resolved, USER_ID, at(11))).toMatchObject({ ok: false });
  });
});

describe("silence", () => {
  it("keeps evaluating but holds back notifications; the events are still recorded", () => {
    const m = machine(thresholdRule({ forSeconds: 300 }));
    m.step(breach());
    m.alert = ok(silence(m.alert as AlertInstance, at(60), USER_ID, at(6)));
    expect(m.step(breach())).toMatchObject({ transition: "firing", event: "AlertTriggered", notify: false });
    expect(m.step(clear())).toMatchObject({ transition: "resolved", event: "AlertResolved", notify: false });
  });

  it("ends by itself when it expires", () => {
    const m = machine(thresholdRule({ keepFiringForSeconds: 600 }));
    m.step(breach());
    m.alert = ok(silence(m.alert as AlertInstance, at(15), USER_ID, at(7)));
    m.step(clear());
    expect(m.alert).toMatchObject({ silencedUntil: at(15), silencedById: USER_ID });
    expect(isSilenced(m.alert as AlertInstance, at(14))).toBe(true);
    // Silenced "until 15" means 15 itself is no longer silenced.
    expect(isSilenced(m.alert as AlertInstance, at(15))).toBe(false);
    const resolved = m.step(clear());
    expect(resolved).toMatchObject({ transition: "resolved", notify: true });
    expect(resolved.next).toMatchObject({ silencedUntil: null, silencedById: null });
  });

  it("clears an expired silence even when nothing else changes", () => {
    const m = machine(thresholdRule());
    m.step(breach());
    m.alert = ok(silence(m.alert as AlertInstance, at(8), USER_ID, at(6)));
    expect(m.step(breach()).next).toMatchObject({ state: "firing", silencedUntil: null });
  });

  it("refuses a silence in the past or on a resolved alert, and can be lifted", () => {
    const m = machine(thresholdRule());
    m.step(breach());
    const firing = m.alert as AlertInstance;
    expect(silence(firing, at(5), USER_ID, at(5))).toEqual({
      ok: false,
      reason: "A silence must end in the future",
    });
    const silenced = ok(silence(firing, at(30), USER_ID, at(5)));
    expect(ok(unsilence(silenced))).toMatchObject({ silencedUntil: null, silencedById: null });
    expect(unsilence(firing)).toMatchObject({ ok: false });
    const resolved = m.step(clear()).next as AlertInstance;
    expect(silence(resolved, at(30), USER_ID, at(10))).toMatchObject({ ok: false });
  });
});

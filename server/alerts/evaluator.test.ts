import { describe, expect, it } from "vitest";
import type { ConditionResult } from "./condition.ts";
import { evaluate, type AlertInstance } from "./evaluator.ts";
import {
  CITY_ID,
  RULE_ID,
  at,
  between,
  breach,
  buckets,
  clear,
  machine,
  noDataRule,
  thresholdRule,
} from "./test-fixtures.ts";

describe("normal → pending → firing", () => {
  it("stays normal while the condition does not hold", () => {
    const m = machine(thresholdRule({ forSeconds: 600 }));
    expect(m.step(clear())).toEqual({ next: null, transition: "none", event: null, notify: false });
  });

  it("goes pending on the first breach, and fires only once the breach has held for `for`", () => {
    const m = machine(thresholdRule({ forSeconds: 600 }));
    const first = m.step(breach(46));
    expect(first).toMatchObject({ transition: "pending", event: null, notify: false });
    expect(first.next).toMatchObject({
      state: "pending",
      openKey: `${RULE_ID}:${CITY_ID}`,
      pendingSince: at(5),
      firedAt: null,
      value: 46,
    });
    expect(m.step(breach(47))).toMatchObject({ transition: "none", notify: false });
    expect(m.alert?.state).toBe("pending");
    const fired = m.step(breach(48));
    expect(fired).toMatchObject({ transition: "firing", event: "AlertTriggered", notify: true });
    expect(fired.next).toMatchObject({
      state: "firing",
      pendingSince: at(5),
      firedAt: at(15),
      lastBreachAt: at(15),
      value: 48,
    });
  });

  it("fires one second late rather than one second early", () => {
    const m = machine(thresholdRule({ forSeconds: 600 }));
    m.step(breach(), 0);
    expect(m.step(breach(), 9.99).transition).toBe("none");
    expect(m.step(breach(), 0.01).transition).toBe("firing");
  });

  it("fires on the first breach when `for` is 0", () => {
    const m = machine(thresholdRule({ forSeconds: 0 }));
    const fired = m.step(breach(50));
    expect(fired).toMatchObject({ transition: "firing", event: "AlertTriggered", notify: true });
    expect(fired.next).toMatchObject({ state: "firing", pendingSince: at(5), firedAt: at(5) });
  });
});

describe("pending → normal", () => {
  it("cancels a pending alert whose condition clears, without an event", () => {
    const m = machine(thresholdRule({ forSeconds: 600 }));
    m.step(breach());
    expect(m.step(clear())).toEqual({
      next: null,
      transition: "pending_cancelled",
      event: null,
      notify: false,
    });
  });

  it("cancels a pending alert when the data goes missing, and restarts the clock on the next breach", () => {
    const m = machine(thresholdRule({ forSeconds: 600 }));
    m.step(breach());
    m.step(breach());
    expect(m.step(between()).transition).toBe("pending_cancelled");
    expect(m.step(breach()).next?.pendingSince).toEqual(at(20));
    expect(m.step(breach()).transition).toBe("none");
    expect(m.step(breach()).transition).toBe("firing");
  });
});

describe("firing → resolved", () => {
  it("resolves on the first recovered evaluation without keep_firing_for", () => {
    const m = machine(thresholdRule());
    m.step(breach(50));
    const resolved = m.step(clear(44));
    expect(resolved).toMatchObject({ transition: "resolved", event: "AlertResolved", notify: true });
    expect(resolved.next).toMatchObject({
      state: "resolved",
      openKey: null,
      resolvedAt: at(10),
      firedAt: at(5),
      value: 50,
    });
  });

  it("keeps the worst value and the last breach while firing", () => {
    const m = machine(thresholdRule());
    m.step(breach(50));
    m.step(breach(58));
    m.step(breach(52));
    expect(m.alert).toMatchObject({ state: "firing", value: 58, lastBreachAt: at(15) });
  });

  it("recovers with hysteresis: only below the recovery threshold", () => {
    const rule = thresholdRule({ threshold: 45, recoveryThreshold: 40 });
    const m = machine(rule);
    // The bucket that closed just now.
    const reading = (value: number) => (now: Date) => ({
      points: buckets([value], at(-5, now)),
      lastUpdatedAt: null,
    });
    expect(m.observe(reading(47)).transition).toBe("firing");
    expect(m.observe(reading(44)).transition).toBe("none");
    expect(m.observe(reading(40)).transition).toBe("none");
    expect(m.alert?.state).toBe("firing");
    expect(m.observe(reading(39)).transition).toBe("resolved");
  });

  it("holds firing for keep_firing_for after the last breach", () => {
    const m = machine(thresholdRule({ keepFiringForSeconds: 900 }));
    m.step(breach());
    expect(m.step(clear()).transition).toBe("none");
    expect(m.step(clear()).transition).toBe("none");
    const resolved = m.step(clear());
    expect(resolved.transition).toBe("resolved");
    expect(resolved.next?.resolvedAt).toEqual(at(20));
  });

  it("restarts keep_firing_for on a new breach", () => {
    const m = machine(thresholdRule({ keepFiringForSeconds: 900 }));
    m.step(breach());
    m.step(clear());
    m.step(breach());
    m.step(clear());
    m.step(clear());
    expect(m.step(clear()).transition).toBe("resolved");
    expect(m.alert?.resolvedAt).toEqual(at(30));
  });

  it("needs both: keep_firing_for over and the recovery condition", () => {
    const m = machine(thresholdRule({ keepFiringForSeconds: 300 }));
    m.step(breach());
    expect(m.step(between(43), 60).transition).toBe("none");
    expect(m.step(between(), 60).transition).toBe("none");
    expect(m.step(clear()).transition).toBe("resolved");
  });

  it("stays firing while the data is missing", () => {
    const m = machine(thresholdRule());
    m.step(breach());
    for (let i = 0; i < 24; i += 1) expect(m.step(between()).transition).toBe("none");
    expect(m.alert?.state).toBe("firing");
  });
});

describe("resolved is terminal", () => {
  it("opens a new alert, with a fresh pending clock, on the next breach", () => {
    const m = machine(thresholdRule({ forSeconds: 300 }));
    m.step(breach());
    m.step(breach());
    const resolved = m.step(clear());
    expect(resolved.transition).toBe("resolved");
    const acknowledged: AlertInstance = { ...(resolved.next as AlertInstance), acknowledgedAt: at(12) };
    const reopened = evaluate(acknowledged, breach(), thresholdRule({ forSeconds: 300 }), at(20), CITY_ID);
    expect(reopened.transition).toBe("pending");
    expect(reopened.next).toMatchObject({
      state: "pending",
      pendingSince: at(20),
      firedAt: null,
      acknowledgedAt: null,
    });
    expect(reopened.next?.openKey).toBe(`${RULE_ID}:${CITY_ID}`);
    expect(evaluate(acknowledged, clear(), thresholdRule(), at(20), CITY_ID).next).toBeNull();
  });
});

describe("no data", () => {
  it("fires after N minutes without an update and resolves when data returns", () => {
    const m = machine(noDataRule({ noDataMinutes: 15 }));
    const lastUpdate = at(0);
    const silent = { points: [], lastUpdatedAt: lastUpdate };
    expect(m.observe(silent).transition).toBe("none");
    expect(m.observe(silent).transition).toBe("none");
    const fired = m.observe(silent);
    expect(fired).toMatchObject({ transition: "firing", event: "AlertTriggered" });
    expect(fired.next).toMatchObject({ firedAt: at(15), value: 15 });
    expect(m.observe(silent).next?.value).toBe(20);
    const back = m.observe({ points: [], lastUpdatedAt: at(24) });
    expect(back).toMatchObject({ transition: "resolved", event: "AlertResolved" });
    expect(back.next).toMatchObject({ resolvedAt: at(25), value: 20 });
  });
});

describe("flapping", () => {
  const alternate = (m: ReturnType<typeof machine>, results: readonly ConditionResult[], times: number) => {
    for (let i = 0; i < times; i += 1) m.step(results[i % results.length] ?? clear());
    return m.log.filter((entry) => entry.transition === "firing").length;
  };

  it("fires once under keep_firing_for when the condition alternates every bucket", () => {
    const m = machine(thresholdRule({ keepFiringForSeconds: 600 }));
    expect(alternate(m, [breach(), clear()], 48)).toBe(1);
    expect(m.log.some((entry) => entry.transition === "resolved")).toBe(false);
  });

  it("fires once under hysteresis when the value hovers around the threshold", () => {
    const rule = thresholdRule({ threshold: 45, recoveryThreshold: 40 });
    const m = machine(rule);
    const reading = (value: number) => (now: Date) => ({
      points: buckets([value], at(-5, now)),
      lastUpdatedAt: null,
    });
    for (let i = 0; i < 48; i += 1) m.observe(reading(i % 2 === 0 ? 46 : 44));
    expect(m.log.filter((entry) => entry.transition === "firing")).toHaveLength(1);
  });

  it("never fires with a pending period longer than one breach", () => {
    const m = machine(thresholdRule({ forSeconds: 300 }));
    expect(alternate(m, [breach(), clear()], 48)).toBe(0);
  });

  it("fires and resolves every other bucket without either, as Prometheus would", () => {
    const m = machine(thresholdRule());
    expect(alternate(m, [breach(), clear()], 48)).toBe(24);
  });
});

describe("arguments", () => {
  it("refuses a mismatched city, rule or a clock going backwards", () => {
    const rule = thresholdRule();
    const fired = evaluate(null, breach(), rule, at(10), CITY_ID).next;
    expect(() => evaluate(null, breach(), rule, at(10), "0190d5a8-7b3c-7def-8123-0000000000c9")).toThrow(
      /is for city/,
    );
    expect(() => evaluate(fired, breach(), rule, at(5), CITY_ID)).toThrow(/move forward/);
    expect(() =>
      evaluate(fired, breach(), { ...rule, id: "0190d5a8-7b3c-7def-8123-0000000000d1" }, at(15), CITY_ID),
    ).toThrow(/passed for/);
    const allCities = thresholdRule({ cityId: null });
    expect(evaluate(null, breach(), allCities, at(0), CITY_ID).next?.openKey).toBe(`${RULE_ID}:${CITY_ID}`);
  });
});

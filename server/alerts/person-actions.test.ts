import { describe, expect, it } from "vitest";
import type { AlertInstance } from "./evaluator.ts";
import { resolveByPerson } from "./person-actions.ts";
import { at, breach, machine, thresholdRule } from "./test-fixtures.ts";

describe("resolveByPerson", () => {
  it("resolves a firing alert and frees its open key", () => {
    const m = machine(thresholdRule());
    m.step(breach());
    const result = resolveByPerson(m.alert as AlertInstance, at(7));
    expect(result).toMatchObject({
      ok: true,
      alert: { state: "resolved", openKey: null, resolvedAt: at(7) },
    });
  });

  it("refuses pending and resolved alerts", () => {
    const m = machine(thresholdRule({ forSeconds: 600 }));
    m.step(breach());
    const pending = m.alert as AlertInstance;
    expect(resolveByPerson(pending, at(6))).toMatchObject({ ok: false });
    expect(resolveByPerson({ ...pending, state: "resolved" }, at(6))).toMatchObject({ ok: false });
  });
});

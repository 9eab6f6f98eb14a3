import { describe, expect, it } from "vitest";
import type { RuleView } from "@/server/incidents/contract";
import { checkDraft, draftOf, emptyDraft, type RuleDraft } from "./rule-draft";

const valid = (): RuleDraft => ({ ...emptyDraft(), name: "Osaka restaurant", title: "Restaurant {key}" });

function errorsOf(draft: RuleDraft) {
  const check = checkDraft(draft);
  if (check.ok) throw new Error("expected the draft to be refused");
  return Object.fromEntries(check.errors);
}

describe("correlation rule draft", () => {
  it("turns a complete draft into the save input, numbers as numbers", () => {
    const check = checkDraft({
      ...valid(),
      members: { ...valid().members, ticket: { on: true, values: ["delivery_delay"] } },
    });
    expect(check).toEqual({
      ok: true,
      input: {
        name: "Osaka restaurant",
        enabled: true,
        definition: {
          key: "restaurant",
          windowMinutes: 30,
          maxWindowMinutes: 240,
          minCount: 5,
          minReporters: 3,
          priority: "P3",
          title: "Restaurant {key}",
          members: [{ kind: "ticket", categories: ["delivery_delay"] }],
        },
      },
    });
  });

  it("names each refused field once: empty, not a whole number, out of range, no member kind", () => {
    const draft: RuleDraft = {
      ...valid(),
      name: "ab",
      title: "",
      windowMinutes: "",
      minCount: "2.5",
      minReporters: "0",
      members: {
        ticket: { on: false, values: [] },
        risk_signal: { on: false, values: [] },
        alert: { on: false, values: [] },
      },
    };
    expect(errorsOf(draft)).toEqual({
      name: "name",
      title: "title",
      windowMinutes: "windowMinutes",
      minCount: "minCount",
      minReporters: "minReporters",
      members: "members",
    });
  });

  it("says which of two related fields is wrong and why", () => {
    expect(errorsOf({ ...valid(), windowMinutes: "60", maxWindowMinutes: "30" })).toEqual({
      maxWindowMinutes: "maxBelowWindow",
    });
    expect(errorsOf({ ...valid(), minCount: "3", minReporters: "4" })).toEqual({
      minReporters: "reportersAboveCount",
    });
    expect(errorsOf({ ...valid(), windowMinutes: "60", maxWindowMinutes: "30", minReporters: "9" })).toEqual({
      maxWindowMinutes: "maxBelowWindow",
      minReporters: "reportersAboveCount",
    });
  });

  it("round-trips a saved rule, keeping the alert rules it names", () => {
    const rule: RuleView = {
      id: "0b8a3a8e-3f7e-4d43-9a53-0d1e4b1c2f10",
      name: "City alert with delivery tickets",
      enabled: false,
      version: 3,
      updatedAt: new Date(),
      definition: {
        key: "city",
        windowMinutes: 30,
        maxWindowMinutes: 360,
        minCount: 10,
        minReporters: 5,
        priority: "P1",
        title: "Delivery problems in {key}",
        members: [
          {
            kind: "alert",
            metrics: ["avg_delivery_minutes"],
            ruleIds: ["5d0f7d0e-8a43-4c36-9c4e-2a8f1f6f9b11"],
          },
          { kind: "ticket", categories: ["delivery_delay"] },
        ],
      },
    };
    const check = checkDraft(draftOf(rule));
    expect(check.ok && check.input.enabled).toBe(false);
    expect(check.ok && check.input.definition.members).toEqual([
      { kind: "ticket", categories: ["delivery_delay"] },
      { kind: "alert", metrics: ["avg_delivery_minutes"], ruleIds: ["5d0f7d0e-8a43-4c36-9c4e-2a8f1f6f9b11"] },
    ]);
    expect(check.ok && check.input.definition.maxWindowMinutes).toBe(360);
  });
});

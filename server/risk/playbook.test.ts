import { describe, expect, it } from "vitest";
import {
  isMitigationKind,
  MITIGATION_KINDS,
  mitigationTitle,
  PLAYBOOKS,
  recommendedActions,
} from "./playbook.ts";
import { RISK_LEVELS, RISK_TYPES } from "./types.ts";

describe("recommendedActions", () => {
  it("recommends watching a low-risk refund case and blocking a critical one", () => {
    expect(recommendedActions("refund_abuse", "low").map((a) => a.kind)).toEqual(["refund_review"]);
    expect(recommendedActions("refund_abuse", "critical").map((a) => a.kind)).toEqual([
      "refund_review",
      "freeze_refunds",
      "require_id_verification",
      "suspend_account",
    ]);
  });

  it("carries English and Japanese titles", () => {
    expect(recommendedActions("delivery_fraud", "high").find((a) => a.kind === "hold_payouts")).toEqual({
      kind: "hold_payouts",
      title: "Freeze payouts",
      titleJa: "支払いを凍結",
      from: "high",
    });
  });

  it.each(RISK_TYPES)(
    "keeps every weaker action and adds a stronger one at each higher level for %s",
    (type) => {
      for (let i = 1; i < RISK_LEVELS.length; i++) {
        const lower = recommendedActions(type, RISK_LEVELS[i - 1] ?? "low").map((a) => a.kind);
        const higher = recommendedActions(type, RISK_LEVELS[i] ?? "low").map((a) => a.kind);
        expect(higher.slice(0, lower.length)).toEqual(lower);
        expect(higher.length).toBeGreaterThan(lower.length);
      }
      expect(recommendedActions(type, "low").length).toBeGreaterThan(0);
    },
  );

  it("lists each kind at most once per playbook", () => {
    for (const steps of Object.values(PLAYBOOKS)) {
      const kinds = steps.map(([kind]) => kind);
      expect(new Set(kinds).size).toBe(kinds.length);
    }
  });
});

describe("mitigation kinds", () => {
  it("uses snake_case keys and non-empty titles", () => {
    for (const [kind, { title, titleJa }] of Object.entries(MITIGATION_KINDS)) {
      expect(kind).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(title.length).toBeGreaterThan(0);
      expect(titleJa.length).toBeGreaterThan(0);
    }
  });

  it("titles stored kinds in either language and shows unknown kinds as their key", () => {
    expect(mitigationTitle("suspend_account")).toBe("Block the account");
    expect(mitigationTitle("suspend_account", "ja")).toBe("アカウントを停止");
    expect(mitigationTitle("retired_kind", "ja")).toBe("retired_kind");
    expect(isMitigationKind("toString")).toBe(false);
  });
});

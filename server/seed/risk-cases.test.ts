import { describe, expect, it } from "vitest";
import { ackDueAt, needsEscalation, queueFor } from "../risk/escalation.ts";
import { caseStatusFor, closeCase } from "../risk/mitigation.ts";
import { recommendedActions } from "../risk/playbook.ts";
import { DEFAULT_RULE_SET } from "../risk/rule-set.ts";
import { scoreCase, type ScorableSignal } from "../risk/score.ts";
import type { MitigationStatus, RiskCaseStatus, RiskLevel, RiskResolution, RiskType } from "../risk/types.ts";
import { Rng } from "./random.ts";
import { buildCase, SUBJECTS, type CaseContext } from "./risk-cases.ts";

// The demo cases must look like the application made them: same rules, queues, deadlines and state machine.

const NOW = Date.parse("2026-11-20T03:15:00Z");
const TYPES = Object.keys(SUBJECTS) as RiskType[];

function buildMany(count: number) {
  const ctx: CaseContext = {
    rng: new Rng(42),
    nowMs: NOW,
    riskManagerId: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d",
    cityIds: {},
    ticketsByCategory: new Map(),
    openKeys: new Set(),
  };
  return Array.from({ length: count }, (_, i) => buildCase(ctx, i + 1, TYPES[i % TYPES.length] as RiskType));
}

describe("seeded risk cases", () => {
  const built = buildMany(300);

  it("are scored, queued and timed by the application's own rules", () => {
    for (const { riskCase, signals } of built) {
      const scored = scoreCase(DEFAULT_RULE_SET, signals as unknown as ScorableSignal[]);
      const level = riskCase.level as RiskLevel;
      expect(riskCase).toMatchObject({
        score: scored.score,
        level: scored.level,
        contributions: scored.contributions,
      });
      expect(riskCase.queue).toBe(queueFor(level));
      expect(riskCase.ackDueAt).toEqual(ackDueAt(level, riskCase.openedAt as Date));
    }
    expect(new Set(built.map((b) => b.riskCase.level))).toEqual(
      new Set(["low", "medium", "high", "critical"]),
    );
  });

  it("escalate exactly the critical cases whose acknowledgement came late or never", () => {
    for (const { riskCase } of built) {
      const candidate = {
        level: riskCase.level as RiskLevel,
        openedAt: riskCase.openedAt as Date,
        acknowledgedAt: null,
        escalatedAt: null,
      };
      const ackedAt = (riskCase.acknowledgedAt as Date | null)?.getTime() ?? NOW;
      expect(riskCase.escalatedAt !== null).toBe(needsEscalation(candidate, new Date(ackedAt)));
    }
  });

  it("follow the mitigation state machine and the playbook", () => {
    for (const { riskCase, actions } of built) {
      const states = actions.map((a) => ({ status: a.status as MitigationStatus }));
      const status = riskCase.status as RiskCaseStatus;
      const kinds = recommendedActions(riskCase.type as RiskType, riskCase.level as RiskLevel).map(
        (a) => a.kind,
      );
      expect(actions.every((a) => (kinds as string[]).includes(a.kind as string))).toBe(true);
      if (status === "closed") {
        const closing = closeCase({
          status: "open",
          actions: states,
          resolution: riskCase.resolution as RiskResolution,
          note: riskCase.resolutionNote as string,
          now: new Date(NOW),
        });
        expect(closing.ok).toBe(true);
      } else {
        expect(caseStatusFor("open", states)).toBe(status);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import * as prismaEnums from "../db/generated/enums.ts";
import {
  isRiskLevel,
  isRiskResolution,
  isRiskType,
  levelRank,
  MITIGATION_STATUSES,
  RISK_CASE_STATUSES,
  RISK_LEVELS,
  RISK_RESOLUTIONS,
  RISK_SUBJECT_TYPES,
  RISK_TYPES,
} from "./types.ts";

describe("risk vocabulary", () => {
  it.each([
    ["RiskType", RISK_TYPES, prismaEnums.RiskType],
    ["RiskSubjectType", RISK_SUBJECT_TYPES, prismaEnums.RiskSubjectType],
    ["RiskLevel", RISK_LEVELS, prismaEnums.RiskLevel],
    ["RiskCaseStatus", RISK_CASE_STATUSES, prismaEnums.RiskCaseStatus],
    ["RiskResolution", RISK_RESOLUTIONS, prismaEnums.RiskResolution],
    ["MitigationStatus", MITIGATION_STATUSES, prismaEnums.MitigationStatus],
  ])("%s matches the Prisma enum exactly, in schema order", (_name, ours, prisma) => {
    expect([...ours]).toEqual(Object.values(prisma));
  });

  it("ranks levels from low to critical", () => {
    expect(RISK_LEVELS.map(levelRank)).toEqual([0, 1, 2, 3]);
  });

  it("narrows unknown input", () => {
    expect(isRiskType("refund_abuse")).toBe(true);
    expect(isRiskType("refund")).toBe(false);
    expect(isRiskLevel("critical")).toBe(true);
    expect(isRiskLevel(3)).toBe(false);
    expect(isRiskResolution("false_positive")).toBe(true);
    expect(isRiskResolution("closed")).toBe(false);
  });
});

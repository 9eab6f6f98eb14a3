import { describe, expect, it } from "vitest";
import { escalationForBreach } from "./sla-policy.ts";
import { bumpedPrioritySql, resolutionBumpTable } from "./sla-sweep-sql.ts";
import { TICKET_PRIORITIES } from "./types.ts";

describe("the sweep's priority bump", () => {
  it("agrees with escalationForBreach for a resolution breach", () => {
    for (const p of TICKET_PRIORITIES) {
      expect(resolutionBumpTable()[p]).toBe(escalationForBreach(p, "resolution").bumpPriorityTo ?? p);
    }
    expect(resolutionBumpTable()).toEqual({ P1: "P1", P2: "P1", P3: "P2", P4: "P3" });
  });

  it("is the same mapping in SQL", () => {
    const sql = bumpedPrioritySql("t.priority");
    const arms = [...sql.matchAll(/WHEN '(P\d)' THEN '(P\d)'/g)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(arms)).toEqual(resolutionBumpTable());
  });

  it("never bumps for a first-response breach, which the sweep leaves to the priority column", () => {
    for (const p of TICKET_PRIORITIES)
      expect(escalationForBreach(p, "first_response").bumpPriorityTo).toBeNull();
  });
});

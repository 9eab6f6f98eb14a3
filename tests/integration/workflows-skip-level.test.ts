import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fixedClock, userContext } from "../../server/lib/service-context.ts";
import { decideWorkflow, startWorkflow } from "../../server/workflows/service.ts";
import { createUser } from "../support/fixtures.ts";
import { supportTeams } from "../support/tickets.ts";
import { approvalTemplate, as, db, people, publish, uniqueKey } from "../support/workflow-engine.ts";

// Skip-level: a stalled approval is taken by the approver's manager (the lead of their team), recorded as a
// skip-level answer; anyone who manages none of the approvers is refused, and nobody takes it before it stalls.

const DAY = 24 * 60 * 60_000;

describe("skip-level on a stalled approval", () => {
  it("the approver's team lead takes it once it stalls; a peer cannot", async () => {
    const { consumer } = await supportTeams();
    const calendar = await db.team.findUniqueOrThrow({
      where: { id: consumer },
      select: { calendarId: true },
    });
    const [approver, peer] = await people(2);
    const manager = await createUser(["risk_manager"]);
    const team = await db.team.create({
      data: {
        key: `wf_team_${randomBytes(4).toString("hex")}`,
        name: "Approvers",
        nameJa: "承認者",
        leadId: manager.id,
        calendarId: calendar.calendarId,
      },
    });
    await db.user.update({ where: { id: approver!.id }, data: { teamId: team.id } });
    const initiator = await createUser(["support_agent"]);
    const key = uniqueKey("wf_skip");
    await publish(approvalTemplate(key, [approver!]));
    const started = await startWorkflow(db, as(initiator), { templateKey: key, bound: { type: "none" } });
    await decideWorkflow(db, as(initiator), {
      instanceId: started.id,
      decision: { type: "complete", stepKey: "prepare" },
    });
    const skip = { type: "skip_level", stepKey: "approve" } as const;
    const later = fixedClock(new Date(Date.now() + 2 * DAY));

    await expect(
      decideWorkflow(db, userContext(manager, "skip"), { instanceId: started.id, decision: skip }),
    ).rejects.toMatchObject({ details: { reason: "not_stalled" } });
    await expect(
      decideWorkflow(db, userContext(peer!, "skip", later), { instanceId: started.id, decision: skip }),
    ).rejects.toMatchObject({ details: { reason: "not_allowed" } });

    const taken = await decideWorkflow(db, userContext(manager, "skip", later), {
      instanceId: started.id,
      decision: skip,
    });
    expect(taken.state).toBe("completed");
    const decision = await db.workflowDecision.findFirstOrThrow({
      where: { instanceId: started.id, action: "skip_level" },
    });
    expect(decision.actorId).toBe(manager.id);
    const step = await db.workflowStep.findFirstOrThrow({
      where: { instanceId: started.id, key: "approve" },
    });
    expect((step.detail as { approvals: unknown[] }).approvals).toEqual([
      expect.objectContaining({ by: manager.id, via: "skip_level" }),
    ]);
  });
});

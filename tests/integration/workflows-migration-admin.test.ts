import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { logger } from "../../server/lib/logger.ts";
import { startWorkflow } from "../../server/workflows/service.ts";
import { createUser } from "../support/fixtures.ts";
import { approvalTemplate, as, db, people, publish, uniqueKey } from "../support/workflow-engine.ts";

// The admin screen's migration over tRPC: a preview (the dry run) for whoever manages workflows, and the run
// itself as a step-up procedure (a second factor verified within the window), each instance moved and audited.

/** A caller as the console's route makes it; `stepUpAt` is when the session last verified its second factor. */
const caller = (user: SessionUser, stepUpAt: Date | null) =>
  createCaller({
    db,
    user,
    session: {
      id: randomUUID(),
      userId: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
      revokedAt: null,
      mfaVerifiedAt: stepUpAt,
      mfaEnrolled: true,
    },
    correlationId: "wf-migrate-admin",
    log: logger,
  });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return {
    code: error.code,
    reason: (error.cause as { details?: { reason?: string } } | undefined)?.details?.reason,
  };
}

describe("migrating from the admin screen", () => {
  it("previews, refuses the run without a fresh second factor, then moves the instances with one", async () => {
    const [approver] = await people(1);
    const key = uniqueKey("wf_admin_migrate");
    const v1 = approvalTemplate(key, [approver!]);
    await publish(v1);
    await publish({ ...v1, version: "2", steps: [v1.steps[0]!, { ...v1.steps[1]!, key: "sign_off" }] });
    const initiator = await createUser(["support_agent"]);
    const started = await startWorkflow(db, as(initiator), {
      templateKey: key,
      version: 1,
      bound: { type: "none" },
    });
    const admin = await createUser(["admin"]);
    const request = { templateKey: key, fromVersion: 1, toVersion: 2, stepMapping: { approve: "sign_off" } };

    const agentRefused = await refusal(caller(initiator, new Date()).workflows.previewMigration(request));
    expect(agentRefused.code).toBe("FORBIDDEN");

    const preview = await caller(admin, null).workflows.previewMigration(request);
    expect(preview).toMatchObject({ dryRun: true, migrated: 0 });
    expect(preview.instances.map((i) => [i.instanceId, i.ok])).toEqual([[started.id, true]]);
    expect(preview.instances[0]?.steps.map((s) => [s.fromKey, s.key])).toEqual([
      ["prepare", "prepare"],
      ["approve", "sign_off"],
    ]);

    const stale = new Date(Date.now() - 11 * 60_000);
    expect(await refusal(caller(admin, stale).workflows.migrate(request))).toEqual({
      code: "FORBIDDEN",
      reason: "STEP_UP_REQUIRED",
    });
    const unmoved = await db.workflowInstance.findUniqueOrThrow({
      where: { id: started.id },
      select: { version: { select: { number: true } } },
    });
    expect(unmoved.version?.number).toBe(1);

    const run = await caller(admin, new Date()).workflows.migrate(request);
    expect(run).toMatchObject({ dryRun: false, migrated: 1 });
    const moved = await db.workflowInstance.findUniqueOrThrow({
      where: { id: started.id },
      select: { version: { select: { number: true } }, steps: { select: { key: true } } },
    });
    expect(moved.version?.number).toBe(2);
    expect(moved.steps.map((s) => s.key).sort()).toEqual(["prepare", "sign_off"]);
    const migratedEvent = await db.domainEvent.findFirstOrThrow({
      where: { aggregateId: started.id, type: "WorkflowMigrated" },
    });
    expect(migratedEvent).toMatchObject({ actorType: "user", actorId: admin.id });
    expect(await db.auditLog.count({ where: { entityId: started.id, action: "WorkflowMigrated" } })).toBe(1);
  });

  it("names the field of a bad request", async () => {
    const admin = await createUser(["admin"]);
    const error = await refusal(
      caller(admin, null).workflows.previewMigration({
        templateKey: "",
        fromVersion: 1,
        toVersion: 2,
        stepMapping: {},
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });
});

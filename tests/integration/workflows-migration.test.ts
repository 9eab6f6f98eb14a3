import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../server/db/migrate.ts";
import { Rng } from "../../server/seed/random.ts";
import { seedWorkflowTemplates } from "../../server/seed/workflows.ts";
import { migrateWorkflowInstances } from "../../server/workflows/migration-service.ts";
import { templateVersions } from "../../server/workflows/queries.ts";
import { decideWorkflow, getWorkflow, startWorkflow } from "../../server/workflows/service.ts";
import { loadTemplateFiles } from "../../server/workflows/template-files.ts";
import { publishTemplateFiles } from "../../server/workflows/template-service.ts";
import { createScratchDatabase } from "../support/databases.ts";
import { createUser } from "../support/fixtures.ts";
import {
  adminContext,
  approvalTemplate,
  as,
  db,
  people,
  publish,
  uniqueKey,
} from "../support/workflow-engine.ts";

// v1: prepare → approve. v2: prepare → check (new task) → approve renamed sign_off.
async function twoVersions() {
  const [approver] = await people(1);
  const key = uniqueKey("wf_migrate");
  const v1 = approvalTemplate(key, [approver!]);
  await publish(v1);
  const v2 = {
    ...v1,
    version: "2",
    steps: [
      v1.steps[0]!,
      { key: "check", kind: "task", title: "Check", titleJa: "確認", candidates: { assignee: "initiator" } },
      { ...v1.steps[1]!, key: "sign_off", title: "Sign off" },
    ],
  };
  await publish(v2);
  return { key, approver: approver! };
}

describe("migrating running instances to a newer version", () => {
  it("a dry run reports each instance's new steps, writes nothing but its audit entry; the real run moves them", async () => {
    const { key, approver } = await twoVersions();
    const initiator = await createUser(["support_agent"]);
    const atPrepare = await startWorkflow(db, as(initiator), {
      templateKey: key,
      version: 1,
      bound: { type: "none" },
    });
    const atApproval = await startWorkflow(db, as(initiator), {
      templateKey: key,
      version: 1,
      bound: { type: "none" },
    });
    await decideWorkflow(db, as(initiator), {
      instanceId: atApproval.id,
      decision: { type: "complete", stepKey: "prepare" },
    });
    const input = { templateKey: key, fromVersion: 1, toVersion: 2, stepMapping: { approve: "sign_off" } };

    const dry = await migrateWorkflowInstances(db, adminContext(), { ...input, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, migrated: 0 });
    const planned = new Map(dry.instances.map((i) => [i.instanceId, i]));
    expect(planned.get(atPrepare.id)?.steps).toEqual([
      { key: "prepare", fromKey: "prepare", state: "active" },
      { key: "check", fromKey: null, state: "blocked" },
      { key: "sign_off", fromKey: "approve", state: "blocked" },
    ]);
    // The approval already running keeps its turn; the new task before it runs after it, in order.
    expect(planned.get(atApproval.id)?.steps.map((s) => s.state)).toEqual(["done", "blocked", "active"]);
    expect((await getWorkflow(db, adminContext(), { id: atPrepare.id })).versionNumber).toBe(1);
    expect(
      await db.auditLog.count({
        where: { action: "WorkflowMigrationDryRun", details: { path: ["templateKey"], equals: key } },
      }),
    ).toBe(1);

    const real = await migrateWorkflowInstances(db, adminContext(), { ...input, dryRun: false });
    expect(real.migrated).toBe(2);
    const moved = await getWorkflow(db, adminContext(), { id: atPrepare.id });
    expect(moved).toMatchObject({ versionNumber: 2 });
    expect(moved.steps.map((s) => [s.key, s.state])).toEqual([
      ["prepare", "active"],
      ["check", "blocked"],
      ["sign_off", "blocked"],
    ]);
    expect(
      await db.domainEvent.count({ where: { aggregateId: atPrepare.id, type: "WorkflowMigrated" } }),
    ).toBe(1);

    // The moved instance runs on: prepare, then the new check, then the renamed approval.
    for (const stepKey of ["prepare", "check"])
      await decideWorkflow(db, as(initiator), {
        instanceId: atPrepare.id,
        decision: { type: "complete", stepKey },
      });
    const done = await decideWorkflow(db, as(approver), {
      instanceId: atPrepare.id,
      decision: { type: "approve", stepKey: "sign_off" },
    });
    expect(done.state).toBe("completed");
  });

  it("refuses a mapping naming a step that does not exist, and reports an instance whose running step would be dropped", async () => {
    const { key } = await twoVersions();
    await expect(
      migrateWorkflowInstances(db, adminContext(), {
        templateKey: key,
        fromVersion: 1,
        toVersion: 2,
        stepMapping: { nope: "check" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("stepMapping.nope") });
    const initiator = await createUser(["support_agent"]);
    const running = await startWorkflow(db, as(initiator), {
      templateKey: key,
      version: 1,
      bound: { type: "none" },
    });
    const report = await migrateWorkflowInstances(db, adminContext(), {
      templateKey: key,
      fromVersion: 1,
      toVersion: 2,
      stepMapping: { prepare: null, approve: "sign_off" },
      dryRun: false,
    });
    expect(report.instances).toEqual([
      {
        instanceId: running.id,
        ok: false,
        problems: ['step "prepare" is active and the mapping drops it'],
        steps: [],
        dropped: [],
      },
    ]);
    expect(report.migrated).toBe(0);
    expect((await getWorkflow(db, adminContext(), { id: running.id })).versionNumber).toBe(1);
  });
});

describe("the template files", () => {
  it("are published by the seed as version 1 of each, in a fresh database, keeping the response plans' checklist", async () => {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? "", "wf_seed");
    const client = new pg.Client({ connectionString: scratch.url });
    try {
      await applyMigrations(scratch.url);
      await client.connect();
      const count = await seedWorkflowTemplates(client, new Rng(7), new Date("2026-03-01T00:00:00Z"));
      const { templates } = await loadTemplateFiles();
      expect(count).toBe(templates.length);
      const { rows } = await client.query<{ key: string; kind: string; number: number; steps: unknown }>(
        `SELECT t.key, t.kind, v.number, t.steps FROM "WorkflowTemplate" t JOIN "WorkflowTemplateVersion" v ON v."templateId" = t.id ORDER BY t.key`,
      );
      expect(rows.map((r) => r.key)).toEqual(templates.map((t) => t.template.key).sort());
      const plan = rows.find((r) => r.key === "courier_shortage");
      expect(plan).toMatchObject({ kind: "response_plan", number: 1 });
      expect(plan?.steps).toHaveLength(4);
    } finally {
      await client.end();
      await scratch.drop();
    }
  });

  it("publish as versions once: a second publish of unchanged files makes none, and the list shows them", async () => {
    const first = await publishTemplateFiles(db, adminContext());
    const again = await publishTemplateFiles(db, adminContext());
    expect(again.map((r) => [r.templateKey, r.number, r.created])).toEqual(
      first.map((r) => [r.templateKey, r.number, false]),
    );
    const listed = await templateVersions(db, adminContext());
    const safety = listed.find((t) => t.key === "courier_safety_incident");
    const number = first.find((r) => r.templateKey === "courier_safety_incident")?.number;
    // Other files' courier_safety tickets start instances of this version in the shared database: count them here.
    const open = await db.workflowInstance.count({
      where: {
        version: { template: { key: "courier_safety_incident" }, number },
        state: { in: ["draft", "pending", "in_progress", "changes_requested"] },
      },
    });
    expect(safety?.versions.at(-1)).toMatchObject({ number, openInstances: open });
  });
});

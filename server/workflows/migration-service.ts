import { appendAuditEntry } from "../audit/append.ts";
import type { Db } from "../db/client.ts";
import type { InputJsonObject } from "../db/json.ts";
import { withTransaction, type Queryable } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { parseInput } from "../lib/parse-input.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { candidateQuery, resolveCandidates, type Person } from "./candidates.ts";
import { migrateInput, type MigrateInput } from "./contract.ts";
import { effectEvents, workflowEvent } from "./events.ts";
import {
  advanceInstance,
  insertDecision,
  loadInstance,
  openInstanceIds,
  rewriteStepsForMigration,
  type StoredInstance,
} from "./instance-repository.ts";
import { findPeople } from "./people-repository.ts";
import { mappingErrors, planMigration } from "./migration.ts";
import { resume } from "./runtime.ts";
import { findVersion, type PublishedVersion } from "./template-repository.ts";

// Explicit migration of running instances to a newer (or other) version of their template: an admin action with a
// step mapping. A dry run reports what would happen to each instance and writes nothing but its audit entry; the
// real run moves every instance that can move in one transaction, each with a WorkflowMigrated event.

export interface MigrationReport {
  dryRun: boolean;
  templateKey: string;
  fromVersion: number;
  toVersion: number;
  instances: {
    instanceId: string;
    ok: boolean;
    problems: string[];
    steps: { key: string; fromKey: string | null; state: string }[];
    dropped: string[];
  }[];
  migrated: number;
}

function planFor(
  stored: StoredInstance,
  from: PublishedVersion,
  to: PublishedVersion,
  mapping: Record<string, string | null>,
  people: readonly Person[],
) {
  const resolved = resolveCandidates(to.definition, people, {
    initiatorId: stored.run.initiatorId,
    boundOwnerId: null,
  });
  return planMigration(from.definition, to.definition, stored.run, mapping, resolved);
}

async function versions(
  db: Queryable,
  input: { templateKey: string; fromVersion: number; toVersion: number },
) {
  const [from, to] = [
    await findVersion(db, input.templateKey, input.fromVersion),
    await findVersion(db, input.templateKey, input.toVersion),
  ];
  if (!from)
    throw new AppError(
      "NOT_FOUND",
      `fromVersion: "${input.templateKey}" has no version ${input.fromVersion}.`,
    );
  if (!to)
    throw new AppError("NOT_FOUND", `toVersion: "${input.templateKey}" has no version ${input.toVersion}.`);
  if (from.id === to.id)
    throw new AppError("BAD_REQUEST", "toVersion: the instances already run this version.", {
      details: { field: "toVersion" },
    });
  return { from, to };
}

export async function migrateWorkflowInstances(
  db: Db,
  context: ServiceContext,
  raw: MigrateInput,
): Promise<MigrationReport> {
  requirePermission(context, "workflows:manage");
  const input = parseInput(migrateInput, raw);
  const { from, to } = await versions(db, input);
  const errors = mappingErrors(from.definition, to.definition, input.stepMapping);
  const firstError = Object.entries(errors)[0];
  if (firstError)
    throw new AppError("BAD_REQUEST", `${firstError[0]}: ${firstError[1]}`, { details: { errors } });

  const report = await withTransaction(
    db,
    async (tx) => {
      const people = await findPeople(tx, candidateQuery(to.definition));
      const result: MigrationReport = { ...input, instances: [], migrated: 0 };
      const now = context.clock.now();
      for (const id of await openInstanceIds(tx, from.id)) {
        const stored = await loadInstance(tx, id);
        if (!stored) continue;
        const plan = planFor(stored, from, to, input.stepMapping, people);
        if (!plan.ok) {
          result.instances.push({
            instanceId: id,
            ok: false,
            problems: plan.problems,
            steps: [],
            dropped: [],
          });
          continue;
        }
        const moved = resume(to.definition, { ...stored.run, steps: plan.steps.map((s) => s.step) }, now);
        const movedSteps = new Map(moved.instance.steps.map((s) => [s.key, s]));
        const steps = plan.steps.map(({ step, fromKey }) => ({
          step: movedSteps.get(step.key) ?? step,
          fromKey,
        }));
        result.instances.push({
          instanceId: id,
          ok: true,
          problems: [],
          steps: steps.map(({ step, fromKey }) => ({ key: step.key, fromKey, state: step.state })),
          dropped: plan.dropped,
        });
        if (input.dryRun) continue;
        if (
          !(await advanceInstance(tx, id, stored.lockVersion, {
            state: moved.instance.state,
            round: moved.instance.round,
            at: now,
            versionId: to.id,
          }))
        )
          throw new AppError("CONFLICT", `Workflow ${id} changed during the migration; run it again.`);
        await rewriteStepsForMigration(tx, stored, to.definition, steps);
        const details: InputJsonObject = {
          fromVersion: from.number,
          toVersion: to.number,
          stepMapping: input.stepMapping,
          dropped: plan.dropped,
        };
        await insertDecision(tx, {
          instanceId: id,
          stepId: null,
          round: stored.run.round,
          action: "migrate",
          actorType: context.actor.type,
          actorId: context.actor.id,
          onBehalfOfId: null,
          reason: null,
          details,
          decidedAt: now,
        });
        const ref = {
          instanceId: id,
          templateKey: to.templateKey,
          templateVersion: to.number,
          boundType: stored.boundType,
          boundId: stored.boundId,
        };
        await recordEvents(tx, context, [
          workflowEvent("WorkflowMigrated", ref, moved.instance, {}, details),
          ...effectEvents(ref, moved.instance, moved.effects, { type: "migrate" }),
        ]);
        result.migrated++;
      }
      return result;
    },
    { preset: "batch" },
  );
  if (input.dryRun)
    await appendAuditEntry(db, {
      actorType: context.actor.type,
      actorId: context.actor.id,
      action: "WorkflowMigrationDryRun",
      entityType: "workflow_template",
      entityId: from.templateId,
      correlationId: context.correlationId,
      details: report as unknown as InputJsonObject,
    });
  return report;
}

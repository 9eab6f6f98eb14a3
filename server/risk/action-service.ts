import type { Db } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import type { ActionIds, AddActionInput, FinishActionInput, MitigationActionDto } from "./contract.ts";
import {
  cancelAction as cancelPure,
  caseStatusFor,
  completeAction as completePure,
  startAction as startPure,
} from "./mitigation.ts";
import {
  activeUserExists,
  findAction,
  insertAction,
  updateAction as writeAction,
  updateCase,
  type ActionRow,
} from "./case-repository.ts";
import { actorUserId, AGGREGATE, assertOpen, withLockedCase, type LockedCase } from "./service.ts";
import type { MitigationStatus } from "./types.ts";

// The mitigation plan of a case: actions are planned (todo), started, then completed or cancelled, each step
// through the pure state machine in mitigation.ts, in a transaction holding the case row.

export function toActionDto(row: ActionRow): MitigationActionDto {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    status: row.status,
    owner: row.owner,
    dueAt: row.dueAt,
    note: row.note,
    result: row.result,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
  };
}

/** After an action changed: the case becomes "mitigating" once work started, and work started means it was seen. */
async function followActionChange(tx: Tx, riskCase: LockedCase, statuses: MitigationStatus[], now: Date) {
  const status = caseStatusFor(
    riskCase.status,
    statuses.map((s) => ({ status: s })),
  );
  const acknowledge = riskCase.acknowledgedAt === null && statuses.includes("in_progress");
  await updateCase(tx, riskCase.id, { status, ...(acknowledge ? { acknowledgedAt: now } : {}) });
  return { caseStatus: status, acknowledged: acknowledge };
}

function otherStatuses(riskCase: LockedCase, except?: string): MitigationStatus[] {
  return riskCase.actions.filter((a) => a.id !== except).map((a) => a.status);
}

/** Adds an action to the plan (todo), or adds and starts it at once (`start`, as the REST API does). */
export async function addAction(
  db: Db,
  context: ServiceContext,
  { caseId, action: input, start }: AddActionInput,
) {
  const now = context.clock.now();
  return withLockedCase(db, caseId, async (tx, riskCase) => {
    assertOpen(riskCase);
    if (input.ownerId !== undefined && !(await activeUserExists(tx, input.ownerId))) {
      throw new AppError("BAD_REQUEST", "ownerId: no active user has this id.", {
        details: { field: "ownerId" },
      });
    }
    const row = await insertAction(tx, {
      caseId,
      kind: input.kind,
      status: start ? "in_progress" : "todo",
      ownerId: input.ownerId ?? actorUserId(context),
      dueAt: input.dueAt ?? null,
      note: input.note ?? null,
      startedAt: start ? now : null,
      createdAt: now,
    });
    const follow = await followActionChange(tx, riskCase, [...otherStatuses(riskCase), row.status], now);
    await recordEvent(tx, context, {
      type: start ? "MitigationStarted" : "MitigationPlanned",
      aggregateType: AGGREGATE,
      aggregateId: caseId,
      payload: {
        actionId: row.id,
        kind: row.kind,
        status: row.status,
        ownerId: row.owner?.id ?? null,
        dueAt: row.dueAt?.toISOString() ?? null,
        ...follow,
      },
    });
    return toActionDto(row);
  });
}

type Transition = (row: ActionRow, now: Date) => ReturnType<typeof startPure<ActionRow>>;

async function transitionAction(
  db: Db,
  context: ServiceContext,
  ids: ActionIds,
  event: "MitigationStarted" | "MitigationCompleted" | "MitigationCancelled",
  transition: Transition,
): Promise<MitigationActionDto> {
  const now = context.clock.now();
  return withLockedCase(db, ids.caseId, async (tx, riskCase) => {
    assertOpen(riskCase);
    const action = await findAction(tx, ids.caseId, ids.actionId);
    if (!action)
      throw new AppError("NOT_FOUND", "This case has no action with this id.", {
        details: { field: "actionId" },
      });
    const next = transition(action, now);
    if (!next.ok) throw new AppError("CONFLICT", next.message, { details: { reason: next.reason } });
    const { status, startedAt, completedAt, result, note } = next.action;
    const row = await writeAction(tx, action.id, { status, startedAt, completedAt, result, note });
    const follow = await followActionChange(
      tx,
      riskCase,
      [...otherStatuses(riskCase, action.id), row.status],
      now,
    );
    await recordEvent(tx, context, {
      type: event,
      aggregateType: AGGREGATE,
      aggregateId: ids.caseId,
      payload: {
        actionId: row.id,
        kind: row.kind,
        from: action.status,
        status: row.status,
        result: row.result,
        ...follow,
      },
    });
    return toActionDto(row);
  });
}

export const startAction = (db: Db, context: ServiceContext, input: ActionIds) =>
  transitionAction(db, context, input, "MitigationStarted", (row, at) => startPure(row, at));

export const completeAction = (db: Db, context: ServiceContext, input: ActionIds & { result?: string }) =>
  transitionAction(db, context, input, "MitigationCompleted", (row, at) =>
    completePure(row, at, input.result),
  );

export const cancelAction = (db: Db, context: ServiceContext, input: ActionIds & { note?: string }) =>
  transitionAction(db, context, input, "MitigationCancelled", (row) => cancelPure(row, input.note));

/** Ends an action either way, as the REST API's PATCH does: `result` is the cancellation's note. */
export function finishAction(db: Db, context: ServiceContext, input: FinishActionInput) {
  const { caseId, actionId, result } = input;
  return input.status === "completed"
    ? completeAction(db, context, { caseId, actionId, result })
    : cancelAction(db, context, { caseId, actionId, note: result });
}

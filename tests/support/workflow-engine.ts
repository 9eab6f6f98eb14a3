import { randomBytes } from "node:crypto";
import { getDb } from "../../server/db/client.ts";
import { systemContext, userContext, type ServiceContext } from "../../server/lib/service-context.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { publishTemplate } from "../../server/workflows/template-service.ts";
import { createUser } from "./fixtures.ts";

// Workflow test support: templates under a unique key per test (tests share one database), named approvers by
// e-mail (a role would also take every other test's users), contexts for people and for the system.

export const db = getDb();

export const adminContext = (): ServiceContext => systemContext("workflows-test");

export const as = (user: SessionUser): ServiceContext => userContext(user, randomBytes(8).toString("hex"));

export const uniqueKey = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

export async function people(count: number, roles: Parameters<typeof createUser>[0] = ["risk_manager"]) {
  return Promise.all(Array.from({ length: count }, () => createUser(roles)));
}

/** A request: a task for the initiator, then one approval by the named people in the given mode. */
export function approvalTemplate(
  key: string,
  approvers: readonly SessionUser[],
  mode: Record<string, unknown> = { type: "any" },
  extra: Record<string, unknown> = {},
) {
  return {
    key,
    name: `Test ${key}`,
    nameJa: `テスト ${key}`,
    version: "1",
    steps: [
      {
        key: "prepare",
        kind: "task",
        title: "Prepare",
        titleJa: "準備",
        candidates: { assignee: "initiator" },
      },
      {
        key: "approve",
        kind: "approval",
        title: "Approve",
        titleJa: "承認",
        approvers: { users: approvers.map((p) => p.email) },
        mode,
      },
    ],
    ...extra,
  };
}

export async function publish(definition: Record<string, unknown>) {
  return publishTemplate(db, adminContext(), { definition });
}

import type pg from "pg";
import type { SessionUser } from "../server/auth/repository.ts";
import type { Db } from "../server/db/client.ts";
import { systemContext } from "../server/lib/service-context.ts";
import { publishTemplate } from "../server/workflows/template-service.ts";

// The data of bench/workflows.ts: many open instances written in set-based SQL (each with a task step active for
// one person, or for a pool of three), among them the benchmark user's own tasks; and a template whose single
// approval step the decision benchmark answers.

const STEP_DETAIL = JSON.stringify({
  groups: [],
  delegations: [],
  approvals: [],
  checked: [],
  heldSince: null,
});

const INBOX_TEMPLATE = {
  key: "bench_inbox",
  name: "Bench inbox",
  nameJa: "ベンチ受信箱",
  version: "1",
  bindings: ["ticket"],
  steps: [
    {
      key: "prepare",
      kind: "task",
      title: "Prepare",
      titleJa: "準備",
      candidates: { roles: ["support_agent"] },
      checklist: [{ key: "check", title: "Check", titleJa: "確認" }],
    },
    {
      key: "review",
      kind: "approval",
      title: "Review",
      titleJa: "レビュー",
      approvers: { roles: ["risk_manager"] },
      mode: { type: "any" },
    },
    { key: "close", kind: "task", title: "Close", titleJa: "完了", candidates: { roles: ["support_agent"] } },
  ],
};

export const DECIDE_TEMPLATE = {
  key: "bench_decide",
  name: "Bench decision",
  nameJa: "ベンチ決裁",
  version: "1",
  bindings: ["ticket"],
  steps: [
    {
      key: "approve",
      kind: "approval",
      title: "Approve",
      titleJa: "承認",
      approvers: { roles: ["risk_manager"] },
      mode: { type: "any" },
    },
  ],
};

export function sessionUser(row: { id: string; email: string; name: string }, roles: SessionUser["roles"]) {
  return {
    ...row,
    roles,
    permissions: [],
    teamId: null,
    leadsTeam: false,
    locale: "en",
  } satisfies SessionUser;
}

/** `count` people with a role; answers them in id order. */
export async function createPeople(db: Db, count: number, role: SessionUser["roles"][number], tag: string) {
  await db.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      email: `bench-${tag}-${i}@bench.test`,
      name: `Bench ${tag} ${i}`,
      passwordHash: "unused",
      roles: [role],
    })),
  });
  return db.user.findMany({
    where: { email: { startsWith: `bench-${tag}-` } },
    select: { id: true, email: true, name: true },
    orderBy: { id: "asc" },
  });
}

export async function publishBenchTemplates(db: Db) {
  const context = systemContext("bench.workflows");
  await publishTemplate(db, context, { definition: INBOX_TEMPLATE });
  await publishTemplate(db, context, { definition: DECIDE_TEMPLATE });
  return db.workflowTemplateVersion.findFirstOrThrow({
    where: { template: { key: INBOX_TEMPLATE.key } },
    select: { id: true, templateId: true },
  });
}

/**
 * `count` open instances of the inbox template, each at its first step: instance n's step is for agent n mod the
 * agents, except the first `mine` (the benchmark user's: three quarters assigned to them alone, the rest a pool of
 * three). Due times spread over a week, so the inbox's order by due time has work to do.
 */
export async function insertOpenInstances(
  raw: pg.Client,
  input: {
    count: number;
    mine: number;
    me: string;
    agents: string[];
    initiator: string;
    version: { id: string; templateId: string };
  },
) {
  const { count, mine, me, agents, initiator, version } = input;
  await raw.query(`CREATE TEMP TABLE bench_instance AS
    SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${Number(count)}) AS n`);
  await raw.query(
    `INSERT INTO "WorkflowInstance" (id, "templateId", "versionId", "subjectType", "subjectId", state,
       "startedById", "startedAt", round, context, "lockVersion")
     SELECT id, $1::uuid, $2::uuid, 'ticket', gen_random_uuid()::text, 'in_progress', $3::uuid,
            now() - n * interval '1 second', 1, '{}', 1
       FROM bench_instance`,
    [version.templateId, version.id, initiator],
  );
  const agentCount = agents.length;
  await raw.query(
    `INSERT INTO "WorkflowStep" (id, "instanceId", round, position, key, title, kind, state, "ownerIds",
       "candidateRoles", detail, "activatedAt", "dueAt")
     SELECT gen_random_uuid(), i.id, 1, s.position, s.key, s.title, s.kind,
            (CASE WHEN s.position = 0 THEN 'active' ELSE 'blocked' END)::"WorkflowStepState",
            CASE
              WHEN s.position <> 0 THEN '{}'::uuid[]
              WHEN i.n <= $3 * 3 / 4 THEN ARRAY[$1::uuid]
              WHEN i.n <= $3 THEN ARRAY[$1::uuid, ($2::uuid[])[1 + i.n % $4], ($2::uuid[])[1 + (i.n + 1) % $4]]
              ELSE ARRAY[($2::uuid[])[1 + i.n % $4]]
            END,
            ARRAY['support_agent']::"Role"[], $5::jsonb,
            CASE WHEN s.position = 0 THEN now() - i.n * interval '1 second' END,
            CASE WHEN s.position = 0 THEN now() + (i.n % 10080) * interval '1 minute' END
       FROM bench_instance i
      CROSS JOIN (VALUES (0, 'prepare', 'Prepare', 'task'), (1, 'review', 'Review', 'approval'),
                         (2, 'close', 'Close', 'task')) AS s(position, key, title, kind)`,
    [me, agents, mine, agentCount, STEP_DETAIL],
  );
  await raw.query(`DROP TABLE bench_instance`);
  await raw.query(`ANALYZE "WorkflowInstance"`);
  await raw.query(`ANALYZE "WorkflowStep"`);
}

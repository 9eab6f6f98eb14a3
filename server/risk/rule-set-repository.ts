import type { Db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { SubjectRef } from "./repository.ts";
import type { RuleSet } from "./rule-set.ts";
import type { RiskLevel, RiskResolution } from "./types.ts";
import { attributesFrom } from "./json.ts";
import type { ScorableSignal } from "./score.ts";

// Rule-set versions and the signals a backtest replays.

// Same namespace as the case locks in repository.ts; hashtext() of a case key never collides with 0.
const RULE_SET_LOCK = { namespace: 0x52_49_53, key: 0 };

const ruleSetSelect = {
  id: true,
  version: true,
  status: true,
  rules: true,
  thresholds: true,
  notes: true,
  createdAt: true,
  publishedAt: true,
  createdById: true,
} as const;

export type RuleSetRow = Prisma.RiskRuleSetGetPayload<{ select: typeof ruleSetSelect }>;

/** Serialises version numbering and publishing. */
export async function lockRuleSets(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RULE_SET_LOCK.namespace}::int, ${RULE_SET_LOCK.key}::int)`;
}

export async function findPublishedRuleSet(tx: Queryable): Promise<RuleSetRow | null> {
  return tx.riskRuleSet.findFirst({
    where: { status: "published" },
    orderBy: { version: "desc" },
    select: ruleSetSelect,
  });
}

export async function findRuleSet(tx: Queryable, id: string): Promise<RuleSetRow | null> {
  return tx.riskRuleSet.findUnique({ where: { id }, select: ruleSetSelect });
}

export async function listRuleSets(db: Db): Promise<RuleSetRow[]> {
  return db.riskRuleSet.findMany({ orderBy: { version: "desc" }, select: ruleSetSelect });
}

export async function nextRuleSetVersion(tx: Tx): Promise<number> {
  const { _max } = await tx.riskRuleSet.aggregate({ _max: { version: true } });
  return (_max.version ?? 0) + 1;
}

export async function insertRuleSet(
  tx: Tx,
  data: Pick<RuleSet, "version" | "rules" | "thresholds"> & {
    status: "draft" | "published";
    notes: string;
    createdById: string | null;
    createdAt: Date;
    publishedAt: Date | null;
  },
): Promise<RuleSetRow> {
  return tx.riskRuleSet.create({
    data: { ...data, rules: data.rules, thresholds: { ...data.thresholds } },
    select: ruleSetSelect,
  });
}

/** Rewrites a draft; false when the row is not a draft (any more). */
export async function updateDraftRuleSet(
  tx: Tx,
  id: string,
  data: Pick<RuleSet, "rules" | "thresholds"> & { notes: string },
): Promise<boolean> {
  const { count } = await tx.riskRuleSet.updateMany({
    where: { id, status: "draft" },
    data: { rules: data.rules, thresholds: { ...data.thresholds }, notes: data.notes },
  });
  return count === 1;
}

/** Publishes a draft and retires whichever version was published; false when `id` is not a draft. */
export async function publishDraftRuleSet(
  tx: Tx,
  id: string,
  now: Date,
): Promise<{ published: boolean; retiredVersions: number[] }> {
  const { count } = await tx.riskRuleSet.updateMany({
    where: { id, status: "draft" },
    data: { status: "published", publishedAt: now },
  });
  if (count === 0) return { published: false, retiredVersions: [] };
  const previous = await tx.riskRuleSet.findMany({
    where: { status: "published", id: { not: id } },
    select: { version: true },
  });
  await tx.riskRuleSet.updateMany({
    where: { status: "published", id: { not: id } },
    data: { status: "retired" },
  });
  return { published: true, retiredVersions: previous.map((row) => row.version) };
}

// ── Backtest data ────────────────────────────────────────────────────────────

export interface BacktestSource {
  id: string;
  subject: SubjectRef;
  level: RiskLevel;
  resolution: RiskResolution | null;
  signals: ScorableSignal[];
}

/** Cases with a signal observed since `since`, each with all its signals. */
export async function loadBacktestCases(db: Db, since: Date, maxCases: number): Promise<BacktestSource[]> {
  const recent = await db.riskSignal.findMany({
    where: { observedAt: { gte: since }, caseId: { not: null } },
    distinct: ["caseId"],
    select: { caseId: true },
    orderBy: { caseId: "desc" },
    take: maxCases,
  });
  const ids = recent.flatMap((row) => (row.caseId === null ? [] : [row.caseId]));
  const cases = await db.riskCase.findMany({
    where: { id: { in: ids } },
    orderBy: { number: "asc" },
    select: {
      id: true,
      subjectType: true,
      subjectId: true,
      level: true,
      resolution: true,
      signals: { select: { type: true, attributes: true, observedAt: true, sourceEventId: true } },
    },
  });
  return cases.map((row) => ({
    id: row.id,
    subject: { subjectType: row.subjectType, subjectId: row.subjectId },
    level: row.level,
    resolution: row.resolution,
    signals: row.signals.map((s) => ({ ...s, attributes: attributesFrom(s.attributes) })),
  }));
}

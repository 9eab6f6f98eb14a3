import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, systemContext, type ServiceContext } from "../lib/service-context.ts";
import { backtest, labelFromResolution } from "./backtest.ts";
import { DEFAULT_RULE_SET, historyWindowHours, parseRuleSet, type Rule, type RuleSet } from "./rule-set.ts";
import type { BacktestResult, RuleSetVersion, UpdateDraftInput } from "./rule-set-contract.ts";
import { loadSignalsOfSubjects, subjectKey } from "./repository.ts";
import {
  findPublishedRuleSet,
  findRuleSet,
  insertRuleSet,
  listRuleSets,
  loadBacktestCases,
  lockRuleSets,
  nextRuleSetVersion,
  publishDraftRuleSet,
  updateDraftRuleSet,
  type RuleSetRow,
} from "./rule-set-repository.ts";

// Rule sets are versioned: a published or retired version never changes. Authors copy one into a new draft,
// edit and backtest the draft, then publish it, which retires the version published before.

const AGGREGATE = "risk_rule_set";
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const BACKTEST_DAYS = 30;
const BACKTEST_MAX_CASES = 20_000;

function parseRow(row: RuleSetRow) {
  return parseRuleSet({ version: row.version, rules: row.rules, thresholds: row.thresholds });
}

function requireValid(row: RuleSetRow): RuleSet {
  const parsed = parseRow(row);
  if (parsed.ok) return parsed.ruleSet;
  const first = parsed.errors[0];
  throw new AppError(
    "UNPROCESSABLE",
    `Rule set version ${row.version} is invalid: ${first?.path}: ${first?.message}`,
    {
      details: { errors: parsed.errors },
    },
  );
}

function toVersion(row: RuleSetRow): RuleSetVersion {
  const parsed = parseRow(row);
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    rules: parsed.ok ? parsed.ruleSet.rules : [],
    thresholds: parsed.ok ? parsed.ruleSet.thresholds : DEFAULT_RULE_SET.thresholds,
    notes: row.notes,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    valid: parsed.ok,
  };
}

/**
 * A database without any published rules (fresh install, tests) starts from the default rules, once. The system
 * publishes them, within the request that needed them.
 */
async function publishDefaultRuleSet(db: Db, context: ServiceContext): Promise<RuleSetRow> {
  const now = context.clock.now();
  const publisher = systemContext("risk-default-rules", {
    correlationId: context.correlationId,
    clock: context.clock,
  });
  return withTransaction(db, async (tx) => {
    await lockRuleSets(tx);
    const existing = await findPublishedRuleSet(tx);
    if (existing) return existing;
    const version = await nextRuleSetVersion(tx);
    const row = await insertRuleSet(tx, {
      version,
      rules: DEFAULT_RULE_SET.rules,
      thresholds: DEFAULT_RULE_SET.thresholds,
      status: "published",
      notes: "Default rules",
      createdById: null,
      createdAt: now,
      publishedAt: now,
    });
    await recordEvent(tx, publisher, {
      type: "RuleSetPublished",
      aggregateType: AGGREGATE,
      aggregateId: row.id,
      payload: { version, retiredVersions: [], source: "default" },
    });
    return row;
  });
}

/** The rules ingest scores with. */
export async function publishedRuleSet(db: Db, context: ServiceContext): Promise<RuleSet> {
  return requireValid((await findPublishedRuleSet(db)) ?? (await publishDefaultRuleSet(db, context)));
}

/** A read: it neither acts nor reads the clock, so it takes no context. */
export async function listRuleSetVersions(db: Db): Promise<RuleSetVersion[]> {
  return (await listRuleSets(db)).map(toVersion);
}

export async function createDraft(
  db: Db,
  context: ServiceContext,
  input: { fromId?: string },
): Promise<RuleSetVersion> {
  const now = context.clock.now();
  if (input.fromId === undefined) await publishedRuleSet(db, context);
  return withTransaction(db, async (tx) => {
    await lockRuleSets(tx);
    const base =
      input.fromId === undefined ? await findPublishedRuleSet(tx) : await findRuleSet(tx, input.fromId);
    if (!base) throw new AppError("NOT_FOUND", "No rule set has this id.", { details: { field: "fromId" } });
    const rules = requireValid(base);
    const version = await nextRuleSetVersion(tx);
    const row = await insertRuleSet(tx, {
      version,
      rules: rules.rules,
      thresholds: rules.thresholds,
      status: "draft",
      notes: base.notes,
      createdById: actingUser(context)?.id ?? null,
      createdAt: now,
      publishedAt: null,
    });
    await recordEvent(tx, context, {
      type: "RuleSetDrafted",
      aggregateType: AGGREGATE,
      aggregateId: row.id,
      payload: { version, fromVersion: base.version },
    });
    return toVersion(row);
  });
}

function changedRuleIds(before: readonly Rule[], after: readonly Rule[]): string[] {
  const old = new Map(before.map((rule) => [rule.id, JSON.stringify(rule)]));
  const next = new Map(after.map((rule) => [rule.id, JSON.stringify(rule)]));
  const ids = new Set([...old.keys(), ...next.keys()]);
  return [...ids].filter((id) => old.get(id) !== next.get(id));
}

export async function updateDraft(
  db: Db,
  context: ServiceContext,
  input: UpdateDraftInput,
): Promise<RuleSetVersion> {
  return withTransaction(db, async (tx) => {
    const row = await findRuleSet(tx, input.id);
    if (!row) throw new AppError("NOT_FOUND", "No rule set has this id.", { details: { field: "id" } });
    if (row.status !== "draft") {
      throw new AppError(
        "CONFLICT",
        `Version ${row.version} is ${row.status} and cannot change; create a draft from it instead.`,
      );
    }
    const parsed = parseRuleSet({ version: row.version, rules: input.rules, thresholds: input.thresholds });
    if (!parsed.ok) {
      const summary = parsed.errors
        .slice(0, 3)
        .map((e) => `${e.path}: ${e.message}`)
        .join("; ");
      throw new AppError("BAD_REQUEST", summary, { details: { errors: parsed.errors } });
    }
    const { rules, thresholds } = parsed.ruleSet;
    if (!(await updateDraftRuleSet(tx, row.id, { rules, thresholds, notes: input.notes }))) {
      throw new AppError("CONFLICT", `Version ${row.version} was published meanwhile; create a new draft.`);
    }
    const previous = parseRow(row);
    const changed = changedRuleIds(previous.ok ? previous.ruleSet.rules : [], rules);
    await recordEvent(tx, context, {
      type: "RuleSetUpdated",
      aggregateType: AGGREGATE,
      aggregateId: row.id,
      payload: { version: row.version, changedRuleIds: changed, thresholds: { ...thresholds } },
      auditDetails: {
        version: row.version,
        changedRuleIds: changed,
        before: {
          rules: previous.ok ? previous.ruleSet.rules.filter((r) => changed.includes(r.id)) : [],
          thresholds: row.thresholds,
        },
        after: { rules: rules.filter((r) => changed.includes(r.id)), thresholds: { ...thresholds } },
      },
    });
    return toVersion({ ...row, rules, thresholds, notes: input.notes });
  });
}

/** Replays the cases with signals from the last 30 days through the draft and the published rules. */
export async function backtestDraft(
  db: Db,
  context: ServiceContext,
  input: { id: string },
): Promise<BacktestResult> {
  const now = context.clock.now();
  const row = await findRuleSet(db, input.id);
  if (!row) throw new AppError("NOT_FOUND", "No rule set has this id.", { details: { field: "id" } });
  const draft = requireValid(row);
  const published = await publishedRuleSet(db, context);
  const since = new Date(now.getTime() - BACKTEST_DAYS * DAY_MS);
  const cases = await loadBacktestCases(db, since, BACKTEST_MAX_CASES);
  const lookback = Math.max(historyWindowHours(draft), historyWindowHours(published)) * HOUR_MS;
  const earliest = cases.reduce(
    (min, c) => c.signals.reduce((m, s) => Math.min(m, s.observedAt.getTime()), min),
    now.getTime(),
  );
  const subjects = [...new Map(cases.map((c) => [subjectKey(c.subject), c.subject])).values()];
  const history =
    lookback > 0 ? await loadSignalsOfSubjects(db, subjects, new Date(earliest - lookback), now) : new Map();
  const report = backtest(
    draft,
    published,
    cases.map((c) => {
      const label = labelFromResolution(c.resolution);
      return {
        id: c.id,
        signals: c.signals,
        history: history.get(subjectKey(c.subject)) ?? [],
        currentLevel: c.level,
        ...(label ? { label } : {}),
      };
    }),
  );
  return {
    draftVersion: draft.version,
    publishedVersion: published.version,
    since,
    report,
  };
}

export async function publishDraft(
  db: Db,
  context: ServiceContext,
  input: { id: string },
): Promise<RuleSetVersion> {
  const now = context.clock.now();
  const { id } = input;
  return withTransaction(db, async (tx) => {
    await lockRuleSets(tx);
    const row = await findRuleSet(tx, id);
    if (!row) throw new AppError("NOT_FOUND", "No rule set has this id.", { details: { field: "id" } });
    if (row.status !== "draft")
      throw new AppError(
        "CONFLICT",
        `Version ${row.version} is ${row.status}; only a draft can be published.`,
      );
    requireValid(row);
    const { retiredVersions } = await publishDraftRuleSet(tx, id, now);
    await recordEvent(tx, context, {
      type: "RuleSetPublished",
      aggregateType: AGGREGATE,
      aggregateId: id,
      payload: { version: row.version, retiredVersions },
    });
    return toVersion({ ...row, status: "published", publishedAt: now });
  });
}

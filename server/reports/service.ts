import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { localeOf, requireReportAccess, ticketScope } from "./access.ts";
import { reportDefinition } from "./catalogue.ts";
import { cityDays } from "./city-report-repository.ts";
import { cityDayItems, cityRows } from "./city-report.ts";
import type { ReportQuery, ReportResult, ReportRow, ResolvedQuery } from "./contract.ts";
import { alertFacts, riskCaseFacts, workflowStepFacts } from "./event-facts.ts";
import { alertMinutesByCityDay, alertRows, riskRows } from "./event-reports.ts";
import { cityLabels, teamLabels, userLabels } from "./label-repository.ts";
import { backlogAggregates, slaAggregates } from "./ticket-report-repository.ts";
import { backlogRow, slaRow } from "./ticket-reports.ts";
import { workflowRows } from "./workflow-reports.ts";

// Running a report: defaults filled in, the reader's access checked, the figures computed (ticket reports in SQL
// over the fact rows, the others — risk, alerts, cities, workflow steps — from the period's folded events) and
// every group given a readable label.

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
/** Alerts that fired this long before a period may still have been firing in it (city alert minutes). */
const ALERT_LOOKBACK_MS = 7 * DAY_MS;

export function resolveQuery(input: ReportQuery, now: Date): ResolvedQuery {
  const to = input.to ?? now;
  const from = input.from ?? new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  return { name: input.name, from, to, groupBy: input.groupBy ?? reportDefinition(input.name).groupBy[0] };
}

type Rows = { rows: ReportRow[]; total: ReportRow };

async function labelFor(db: Db, context: ServiceContext, groupBy: string, keys: readonly string[]) {
  const locale = localeOf(context);
  const names =
    groupBy === "team"
      ? await teamLabels(db, locale)
      : groupBy === "agent"
        ? await userLabels(
            db,
            keys.filter((key) => key !== "none"),
          )
        : groupBy === "city"
          ? await cityLabels(db, locale)
          : new Map<string, string>();
  return (key: string) => names.get(key) ?? (key === "none" ? "—" : key);
}

async function ticketReport(db: Db, context: ServiceContext, query: ResolvedQuery): Promise<Rows> {
  const args = { ...query, scope: ticketScope(context) };
  const built =
    query.name === "ticket-sla"
      ? (await slaAggregates(db, args)).map((row) => ({ row, build: () => slaRow(row, "") }))
      : (await backlogAggregates(db, args)).map((row) => ({ row, build: () => backlogRow(row, "") }));
  const label = await labelFor(
    db,
    context,
    query.groupBy,
    built.map(({ row }) => row.key),
  );
  let total = emptyTotal(query);
  const rows: ReportRow[] = [];
  for (const { row, build } of built) {
    if (row.isTotal) total = { ...build(), key: "total", label: "Total" };
    else rows.push({ ...build(), label: label(row.key) });
  }
  return { rows, total };
}

function emptyTotal(query: ResolvedQuery): ReportRow {
  const empty = {
    count: 0,
    met: null,
    pctMet: null,
    excluded: 0,
    p50: null,
    p90: null,
    mean: null,
    total: null,
  };
  return {
    key: "total",
    label: "Total",
    figures: Object.fromEntries(reportDefinition(query.name).metrics.map((m) => [m.key, empty])),
  };
}

async function eventReport(db: Db, context: ServiceContext, query: ResolvedQuery, now: Date): Promise<Rows> {
  if (query.name === "risk-handling") return riskRows(await riskCaseFacts(db, query), query.groupBy);
  if (query.name === "workflow-steps") return workflowRows(await workflowStepFacts(db, query), query.groupBy);
  if (query.name === "alert-response") {
    const facts = await alertFacts(db, query);
    const cities = await labelFor(db, context, "city", []);
    return alertRows(facts, query.groupBy, (key, sample) =>
      query.groupBy === "city" ? cities(key) : query.groupBy === "rule" ? sample.ruleName : key,
    );
  }
  const alerts = await alertFacts(db, {
    from: new Date(query.from.getTime() - ALERT_LOOKBACK_MS),
    to: query.to,
  });
  const days = cityDayItems(await cityDays(db, query), alertMinutesByCityDay(alerts, query, now));
  return cityRows(days, query.groupBy, await labelFor(db, context, "city", []));
}

export async function runReport(db: Db, context: ServiceContext, input: ReportQuery): Promise<ReportResult> {
  requireReportAccess(context, input.name);
  const now = context.clock.now();
  const query = resolveQuery(input, now);
  const definition = reportDefinition(query.name);
  const { rows, total } = query.name.startsWith("ticket-")
    ? await ticketReport(db, context, query)
    : await eventReport(db, context, query, now);
  return {
    ...query,
    generatedAt: now,
    metrics: definition.metrics.map((m) => ({ key: m.key, label: m.label, unit: m.unit, target: m.target })),
    rows: rows.sort((a, b) => a.label.localeCompare(b.label)),
    total,
  };
}

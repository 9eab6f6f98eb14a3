import {
  createParser,
  parseAsBoolean,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import { REPORT_NAMES } from "@/server/reports/catalogue";
import { ITEM_FILTERS } from "@/server/reports/contract";

// The reports screen's state lives in the URL (shareable links, back button): the report, its dimension, the
// period (and whether to compare it with the one before), and the figure being drilled into.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayParser = createParser({
  parse: (value) => (DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null),
  serialize: (value: string) => value,
});

export const reportFilterParsers = {
  report: parseAsStringLiteral(REPORT_NAMES),
  groupBy: parseAsString,
  /** First day of the period (UTC), inclusive. */
  from: dayParser,
  /** Last day of the period (UTC), inclusive. */
  to: dayParser,
  compare: parseAsBoolean.withDefault(false),
  /** Drill-down: the row's key, the metric and which of its items. */
  key: parseAsString,
  metric: parseAsString,
  filter: parseAsStringLiteral(ITEM_FILTERS),
};

export type ReportFilters = inferParserType<typeof reportFilterParsers>;

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

/** The period as instants: [from 00:00, the day after `to` 00:00) UTC; 30 days up to today by default. */
export function periodOf(filters: Pick<ReportFilters, "from" | "to">, today = new Date()) {
  const todayStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const end = filters.to ? Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS : todayStart + DAY_MS;
  const start = filters.from ? Date.parse(`${filters.from}T00:00:00Z`) : end - DEFAULT_DAYS * DAY_MS;
  return start < end
    ? { from: new Date(start), to: new Date(end) }
    : { from: new Date(end - DEFAULT_DAYS * DAY_MS), to: new Date(end) };
}

/** The period of the same length just before. */
export function previousPeriod(period: { from: Date; to: Date }) {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from };
}

export const dayText = (at: Date) => at.toISOString().slice(0, 10);

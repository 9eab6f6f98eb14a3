import { z } from "zod";
import { REPORT_NAMES, REPORTS } from "./catalogue.ts";
import type { ReportName } from "./metric-definition.ts";

// Report inputs and outputs, shared by the tRPC router, the REST route (and its OpenAPI document) and the CSV
// export. A bad input is a 400 naming its field.

export const MAX_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;

export const reportNameSchema = z.enum(REPORT_NAMES, {
  error: (issue) => `name must be one of ${REPORT_NAMES.join(", ")} (got ${JSON.stringify(issue.input)})`,
});

const instant = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T00:00:00Z`,
    })
    .transform((value) => new Date(value));

export const rangeFields = {
  name: reportNameSchema,
  /** Default: 30 days before `to`. */
  from: instant("from").optional(),
  /** Default: now. */
  to: instant("to").optional(),
  /** Default: the report's first dimension. */
  groupBy: z.string().max(40).optional(),
};

type RangeInput = { name: ReportName; from?: Date; to?: Date; groupBy?: string };

function checkRange(value: RangeInput, ctx: z.RefinementCtx) {
  const definition = REPORTS.find((report) => report.name === value.name);
  if (definition && value.groupBy !== undefined && !definition.groupBy.includes(value.groupBy)) {
    ctx.addIssue({
      code: "custom",
      path: ["groupBy"],
      message: `groupBy must be one of ${definition.groupBy.join(", ")} for ${value.name} (got "${value.groupBy}")`,
    });
  }
  if (value.from && value.to) {
    if (value.from.getTime() >= value.to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    } else if (value.to.getTime() - value.from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `the range may span at most ${MAX_RANGE_DAYS} days`,
      });
    }
  }
}

export const reportQuery = z.object(rangeFields).superRefine(checkRange);
export type ReportQueryInput = z.input<typeof reportQuery>;
export type ReportQuery = z.output<typeof reportQuery>;

export const ITEM_FILTERS = ["all", "met", "breached", "excluded", "open", "falsePositive"] as const;
export type ItemFilter = (typeof ITEM_FILTERS)[number];

export const itemsQuery = z
  .object({
    ...rangeFields,
    /** The group's key in the report row (a team id, a priority, a city …); absent: every group. */
    key: z.string().max(100).optional(),
    /** Which of the report's metrics `met` / `breached` / `excluded` refer to (default: its first). */
    metric: z.string().max(40).optional(),
    filter: z.enum(ITEM_FILTERS).default("all"),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .superRefine(checkRange);
export type ItemsQuery = z.output<typeof itemsQuery>;

/** A query with its defaults filled in. */
export interface ResolvedQuery {
  name: ReportName;
  from: Date;
  to: Date;
  groupBy: string;
}

const statisticSchema = z.object({
  count: z.number().int(),
  met: z.number().int().nullable(),
  pctMet: z.number().nullable(),
  excluded: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  mean: z.number().nullable(),
  total: z.number().nullable(),
});

const reportRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  figures: z.record(z.string(), statisticSchema),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportResult = <D extends z.ZodType>(date: D) =>
  z.object({
    name: reportNameSchema,
    from: date,
    to: date,
    groupBy: z.string(),
    generatedAt: date,
    metrics: z.array(
      z.object({
        key: z.string(),
        label: z.object({ en: z.string(), ja: z.string() }),
        unit: z.string(),
        target: z.string().nullable(),
      }),
    ),
    rows: z.array(reportRowSchema),
    total: reportRowSchema,
  });
export const reportOutput = reportResult(z.date());
export type ReportResult = z.infer<typeof reportOutput>;

const reportItem = <D extends z.ZodType>(date: D) =>
  z.object({
    id: z.string(),
    number: z.number().int().nullable(),
    kind: z.enum(["ticket", "risk_case", "alert", "city_day", "workflow_step"]),
    group: z.string(),
    status: z.string(),
    at: date,
    minutes: z.number().nullable(),
    breached: z.boolean().nullable(),
    /** The console page of the item. */
    href: z.string(),
  });
export const itemsOutput = z.object({
  items: z.array(reportItem(z.date())),
  nextCursor: z.string().nullable(),
});
export type ReportItem = z.infer<ReturnType<typeof reportItem<z.ZodDate>>>;

import { restReport, restReportPath, restReportQuery } from "../../api/rest/reports.ts";
import { REPORTS } from "../../reports/catalogue.ts";
import { MAX_RANGE_DAYS } from "../../reports/contract.ts";
import type { OpenApiArea } from "./operation.ts";

const groupings = REPORTS.map((report) => `${report.name}: ${report.groupBy.join(", ")}`).join("; ");

export const reportsArea: OpenApiArea = {
  tag: {
    name: "Reports",
    description:
      "Operations reports computed from the append-only domain events: every figure shows its count (the " +
      "denominator), met (the numerator of % met) and the items excluded (clock still running).",
  },
  operations: [
    {
      operationId: "getReport",
      method: "get",
      path: "/api/operations/reports/{name}",
      scope: "reports:read",
      summary: "One report's figures per group and in total",
      description:
        "ticket-sla: first response and resolution time and % met (cohort: tickets created in the period; " +
        "pending and resolved-then-reopened time left out; P3/P4 in business hours). ticket-backlog: tickets open " +
        "at `to` and their age. risk-handling: time to acknowledge, mitigate and close, false-positive rate. " +
        "alert-response: MTTA and MTTR. city-performance: delivery time, cancellation rate, demand/supply and " +
        "alert minutes per city-day. Each statistic: count, met, pctMet, excluded, p50, p90, mean, total.",
      params: restReportPath,
      query: restReportQuery,
      parameterNotes: {
        name: "The report.",
        from: "Start (inclusive), ISO 8601 with a time zone. Default: 30 days before `to`.",
        to: `End (exclusive). Default: now. At most ${MAX_RANGE_DAYS} days after from.`,
        groupBy: `The dimension, by report (the first is the default): ${groupings}.`,
      },
      responses: { 200: { description: "The report.", schema: restReport } },
    },
  ],
};

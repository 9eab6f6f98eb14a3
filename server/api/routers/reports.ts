import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import { mayReadReport } from "../../reports/access.ts";
import { REPORTS } from "../../reports/catalogue.ts";
import {
  itemsOutput,
  itemsQuery,
  reportNameSchema,
  reportOutput,
  reportQuery,
} from "../../reports/contract.ts";
import { reportItems } from "../../reports/items.ts";
import { runReport } from "../../reports/service.ts";
import {
  dailyReportSubscription,
  setDailyReportSubscription,
  subscriptionInput,
} from "../../reports/subscription.ts";

const read = permissionProcedure("reports:read");

const catalogueEntry = z.object({
  name: reportNameSchema,
  title: z.object({ en: z.string(), ja: z.string() }),
  groupBy: z.array(z.string()),
  audience: z.enum(["support", "risk", "city", "workflow"]),
});

export const reportsRouter = router({
  /** The reports this reader may open, from the metric catalogue. */
  catalogue: read.output(z.array(catalogueEntry)).query(({ ctx }) =>
    REPORTS.filter((report) => mayReadReport(ctx.service, report.name)).map((report) => ({
      name: report.name,
      title: report.title,
      groupBy: [...report.groupBy],
      audience: report.audience,
    })),
  ),

  run: read
    .input(reportQuery)
    .output(reportOutput)
    .query(({ ctx, input }) => runReport(ctx.db, ctx.service, input)),

  items: read
    .input(itemsQuery)
    .output(itemsOutput)
    .query(({ ctx, input }) => reportItems(ctx.db, ctx.service, input)),

  /** Whether the signed-in person gets the daily report by e-mail. */
  subscription: read.query(({ ctx }) => dailyReportSubscription(ctx.db, ctx.service)),

  setSubscription: read
    .input(subscriptionInput)
    .mutation(({ ctx, input }) => setDailyReportSubscription(ctx.db, ctx.service, input)),
});

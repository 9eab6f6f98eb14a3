import type { Db } from "../db/client.ts";
import type { InputJsonObject } from "../db/json.ts";
import { withTransaction } from "../db/transaction.ts";
import type { OpsReportGeneratedPayload } from "../events/payloads.ts";
import { recordEvent } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { REPORTS } from "./catalogue.ts";
import { runReport } from "./service.ts";
import { insertSnapshot } from "./snapshot-repository.ts";
import { activeSubscribers } from "./subscription-repository.ts";
import { recipientsOf } from "./subscription.ts";

// The daily snapshot: yesterday's figures (UTC day) of every report by its default dimension, stored once per day
// and report with an OpsReportGenerated event naming the subscribers who may read it (the notification domain
// e-mails them). Running it again the same day stores nothing new.

const DAY_MS = 86_400_000;

export async function snapshotYesterday(
  db: Db,
  context: ServiceContext,
): Promise<{ day: string; stored: number }> {
  const todayStart = Math.floor(context.clock.now().getTime() / DAY_MS) * DAY_MS;
  const from = new Date(todayStart - DAY_MS);
  const to = new Date(todayStart);
  const day = from.toISOString().slice(0, 10);
  let stored = 0;
  const subscribers = await activeSubscribers(db);
  for (const report of REPORTS) {
    const result = await runReport(db, context, { name: report.name, from, to });
    const data = JSON.parse(JSON.stringify(result)) as InputJsonObject;
    const created = await withTransaction(db, async (tx) => {
      const id = await insertSnapshot(tx, { day, report: report.name, data });
      if (id === null) return false;
      await recordEvent(tx, context, {
        type: "OpsReportGenerated",
        aggregateType: "report_snapshot",
        aggregateId: id,
        payload: {
          report: report.name,
          day,
          title: report.title,
          groupBy: result.groupBy,
          rows: result.rows.length,
          path: `/reports?report=${report.name}&from=${day}&to=${day}`,
          recipients: recipientsOf(subscribers, report.name),
        } satisfies OpsReportGeneratedPayload,
        auditDetails: { report: report.name, day },
      });
      return true;
    });
    if (created) stored += 1;
  }
  return { day, stored };
}

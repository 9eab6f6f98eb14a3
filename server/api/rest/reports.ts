import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { rangeFields, reportNameSchema, reportQuery, reportResult } from "../../reports/contract.ts";
import { runReport } from "../../reports/service.ts";
import { readQuery } from "./read.ts";

// Reports as integrations read them: GET /api/operations/reports/{name}?from=&to=&groupBy=. The schemas are
// exported for the OpenAPI document.

export const restReportPath = z.object({ name: reportNameSchema });
/** The query string alone, for the document; the route parses it together with the path's name. */
export const restReportQuery = z.object(rangeFields).omit({ name: true });
export const restReport = reportResult(z.iso.datetime());

/** A malformed name, date or groupBy is a 400 naming the field. */
export function reportOverRest(db: Db, context: ServiceContext, req: Request, path: { name: string }) {
  return runReport(db, context, readQuery(new Request(withName(req.url, path.name)), reportQuery));
}

function withName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("name", name);
  return parsed.toString();
}

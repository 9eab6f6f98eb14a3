import type { Db } from "../db/client.ts";
import { authenticate } from "../auth/request-auth.ts";
import { mustEnrolMfa } from "../auth/second-factor.ts";
import { logger } from "../lib/logger.ts";
import { userContext } from "../lib/service-context.ts";
import { correlationIdFrom } from "../lib/correlation.ts";
import { AppError } from "../lib/errors.ts";
import { itemsQuery } from "../reports/contract.ts";
import { reportItemsCsv } from "../reports/csv.ts";
import { errorResponse } from "./rest/envelope.ts";
import { readQuery } from "./rest/read.ts";
import type { Session } from "next-auth";

// GET /api/reports/{name}/csv?…: the console's CSV export of a report's items, for the signed-in user (the same
// filters as the drill-down list). Errors answer in the REST envelope before any row is sent.

export async function reportCsvResponse(db: Db, session: Session | null, req: Request, name: string) {
  const correlationId = correlationIdFrom(req.headers);
  const log = logger.child({ correlationId, route: "reports.csv" });
  try {
    const auth = await authenticate(db, session);
    if (auth === null) throw new AppError("UNAUTHORIZED", "Sign in to export reports.");
    if (mustEnrolMfa(auth.user.roles, auth.session)) {
      throw new AppError("FORBIDDEN", "Enrol a second factor first.");
    }
    const url = new URL(req.url);
    url.searchParams.set("name", name);
    const query = readQuery(new Request(url), itemsQuery);
    const body = reportItemsCsv(db, userContext(auth.user, correlationId), query);
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}-${query.filter}-${stamp}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, log);
  }
}

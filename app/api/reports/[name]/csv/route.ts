import { getServerSession } from "next-auth";
import { reportCsvResponse } from "@/server/api/reports-csv";
import { authOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** GET /api/reports/{name}/csv — the items behind a report figure as streamed CSV, for the signed-in user. */
export async function GET(req: Request, route: { params: Promise<{ name: string }> }) {
  const { name } = await route.params;
  return reportCsvResponse(getDb(), await getServerSession(authOptions), req, name);
}

import { errorResponse } from "@/server/api/rest/envelope";
import { getDb } from "@/server/db/client";
import { constantTimeEqual } from "@/server/auth/hash";
import { authenticateBearer } from "@/server/integration/oauth";
import { env } from "@/server/lib/env";
import { logger } from "@/server/lib/logger";
import { renderMetrics } from "@/server/ops/metrics";

export const dynamic = "force-dynamic";

// Scraped with the static METRICS_TOKEN, or with an OAuth token holding `metrics:read`.
async function authorize(req: Request): Promise<void> {
  const header = req.headers.get("authorization");
  const bearer = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1];
  if (bearer && env.METRICS_TOKEN && constantTimeEqual(bearer, env.METRICS_TOKEN)) return;
  await authenticateBearer(getDb(), header, "metrics:read");
}

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req);
    const { body, contentType } = await renderMetrics(getDb());
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, logger.child({ route: "metrics" }));
  }
}

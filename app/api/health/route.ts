import { checkHealth } from "@/server/ops/health";
import { env } from "@/server/lib/env";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth(env.DATABASE_URL);
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}

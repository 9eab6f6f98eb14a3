import { errorResponse } from "@/server/api/rest/envelope";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/lib/logger";
import { systemContext } from "@/server/lib/service-context";
import { receivePagerdutyWebhook } from "@/server/notifications/pagerduty-inbound";
import { readBodyText } from "@/server/security/body-limit";

export const dynamic = "force-dynamic";

const log = logger.child({ route: "integrations.pagerduty" });

/**
 * POST /api/integrations/pagerduty — PagerDuty webhooks v3. Signed with a PagerDuty channel's webhook secret
 * (X-PagerDuty-Signature: v1=<hmac-sha256 hex>); 401 otherwise. An acknowledgement of a console alert records
 * NotificationAcknowledged; every other verified event is taken and ignored (PagerDuty wants a 2xx).
 */
export async function POST(req: Request): Promise<Response> {
  try {
    const rawBody = await readBodyText(req);
    const answer = await receivePagerdutyWebhook(getDb(), systemContext("integrations.pagerduty"), {
      rawBody,
      signature: req.headers.get("x-pagerduty-signature"),
    });
    return Response.json(answer, { status: answer.status === "recorded" ? 202 : 200 });
  } catch (error) {
    return errorResponse(error, log);
  }
}

import { constantTimeEqual } from "../auth/hash.ts";
import { env } from "../lib/env.ts";
import { CORRELATION_HEADER, correlationIdFrom } from "../lib/correlation.ts";
import { logger } from "../lib/logger.ts";
import { inSpan } from "../lib/telemetry/spans.ts";
import { errorResponse, type ErrorEnvelope } from "../api/rest/envelope.ts";

/** `Authorization: Bearer $CRON_SECRET`, compared in constant time; anything else is refused. */
export function isAuthorizedCronCall(authorization: string | null, secret = env.CRON_SECRET): boolean {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1];
  return Boolean(secret && token && constantTimeEqual(token, secret));
}

/** One wrapper for every cron route: auth, correlation id, logging, error mapping; the job does the rest. */
export function cronRoute<T extends object>(name: string, job: (correlationId: string) => Promise<T>) {
  return async (req: Request): Promise<Response> => {
    const correlationId = correlationIdFrom(req.headers);
    const log = logger.child({ correlationId, job: name });
    const headers = { [CORRELATION_HEADER]: correlationId };
    if (!isAuthorizedCronCall(req.headers.get("authorization"))) {
      const body: ErrorEnvelope = {
        error: { code: "UNAUTHORIZED", message: "Cron calls need Authorization: Bearer $CRON_SECRET." },
      };
      return Response.json(body, { status: 401, headers });
    }
    try {
      const startedAt = Date.now();
      const attributes = { "ops.job.name": name, "ops.correlation_id": correlationId };
      const summary = await inSpan(`job ${name}`, { attributes }, () => job(correlationId));
      log.info({ summary, ms: Date.now() - startedAt }, "cron job ran");
      return Response.json({ job: name, ...summary }, { headers });
    } catch (error) {
      return errorResponse(error, log, headers);
    }
  };
}

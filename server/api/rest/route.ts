import { getDb, type Db } from "../../db/client.ts";
import { authenticateBearer, type ApiPrincipal } from "../../integration/oauth.ts";
import type { ApiScope } from "../../integration/scopes.ts";
import { CORRELATION_HEADER, correlationIdFrom } from "../../lib/correlation.ts";
import { logger, type Logger } from "../../lib/logger.ts";
import { apiClientContext, type ServiceContext } from "../../lib/service-context.ts";
import { metrics } from "../../ops/metrics.ts";
import { throttles } from "../../security/rate-limits.ts";
import { retryAfterHeaders, tooManyRequests } from "../../security/too-many-requests.ts";
import { errorResponse } from "./envelope.ts";
import { checkPathParams, checkQueryString } from "./read.ts";

export interface RestContext<P> {
  req: Request;
  db: Db;
  principal: ApiPrincipal;
  service: ServiceContext;
  params: P;
  log: Logger;
}

/** Each client's calls across all routes and instances (rate-limits.ts): over the limit is a 429. */
async function admitClient(principal: ApiPrincipal): Promise<void> {
  const { decision } = await throttles().rest_client.consume(principal.clientDbId);
  if (!decision.allowed) throw tooManyRequests("rest_client", decision.retryAfterSeconds);
}

/**
 * Wraps a REST integration route: bearer token with the route's scope, the client's rate limit, correlation
 * id, path-segment and query-encoding checks, error envelope and a request counter. The handler does one call
 * into the domain.
 */
export function restRoute<P = Record<string, never>>(
  options: { scope: ApiScope; name: string },
  handler: (ctx: RestContext<P>) => Promise<Response>,
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const correlationId = correlationIdFrom(req.headers);
    const log = logger.child({ correlationId, route: options.name });
    let response: Response;
    try {
      const db = getDb();
      const principal = await authenticateBearer(db, req.headers.get("authorization"), options.scope);
      await admitClient(principal);
      checkQueryString(req.url);
      const service = apiClientContext(principal, correlationId);
      response = await handler({
        req,
        db,
        principal,
        service,
        params: checkPathParams(await route.params),
        log: log.child({ client: principal.clientId }),
      });
    } catch (error) {
      response = errorResponse(error, log, retryAfterHeaders(error));
    }
    response.headers.set(CORRELATION_HEADER, correlationId);
    metrics().httpRequests.inc({ route: options.name, status: String(response.status) });
    log.info({ status: response.status, method: req.method }, "REST request");
    return response;
  };
}

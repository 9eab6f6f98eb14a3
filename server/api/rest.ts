import { ZodError, type z } from "zod";
import { getDb, type Db } from "../db/client.ts";
import type { EventContext } from "../events/types.ts";
import { authenticateBearer, type ApiPrincipal } from "../integration/oauth.ts";
import type { ApiScope } from "../integration/scopes.ts";
import { CORRELATION_HEADER, correlationIdFrom } from "../lib/correlation.ts";
import { AppError, isAppError } from "../lib/errors.ts";
import { logger, type Logger } from "../lib/logger.ts";
import { apiClientContext, type ServiceContext } from "../lib/service-context.ts";
import { metrics } from "../ops/metrics.ts";

export interface RestContext<P> {
  req: Request;
  db: Db;
  principal: ApiPrincipal;
  service: ServiceContext;
  /** The older name of `service`; it goes once every service takes a ServiceContext. */
  events: EventContext;
  params: P;
  log: Logger;
}

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
}

/** The one place REST errors become HTTP responses: `{ error: { code, message, details? } }`. */
export function errorResponse(error: unknown, log: Logger): Response {
  if (isAppError(error)) {
    return Response.json(
      {
        error: {
          code: error.code,
          message: error.userMessage,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      },
      { status: error.status },
    );
  }
  if (error instanceof ZodError) {
    return Response.json(
      { error: { code: "BAD_REQUEST", message: describeZodError(error), issues: error.issues } },
      { status: 400 },
    );
  }
  log.error({ err: error }, "REST request failed");
  return Response.json({ error: { code: "INTERNAL", message: "Unexpected error." } }, { status: 500 });
}

export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}

export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}

/**
 * Wraps a REST integration route: bearer token with the route's scope, correlation id, error mapping and a
 * request counter. The handler does one call into the domain.
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
      const service = apiClientContext(principal, correlationId);
      response = await handler({
        req,
        db,
        principal,
        service,
        events: service,
        params: await route.params,
        log: log.child({ client: principal.clientId }),
      });
    } catch (error) {
      response = errorResponse(error, log);
    }
    response.headers.set(CORRELATION_HEADER, correlationId);
    metrics().httpRequests.inc({ route: options.name, status: String(response.status) });
    log.info({ status: response.status, method: req.method }, "REST request");
    return response;
  };
}

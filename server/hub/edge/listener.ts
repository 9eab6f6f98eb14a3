import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import { CORRELATION_HEADER } from "../../lib/correlation.ts";
import { readNodeBody, readWebBody } from "./body.ts";
import { receiveEvents, type EdgeAnswer, type EdgeDeps } from "./receive.ts";

// The lean listener: one node:http server answers POST /api/operations/events itself (no Next request
// pipeline, about 1 ms of CPU less per request) and hands every other request to Next, so integrators keep one
// base URL. Next's own route for the same path calls the same core, for anyone running `next start` directly.

const EVENTS_PATH = "/api/operations/events";

function isEventPost(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const query = req.url.indexOf("?");
  return (query === -1 ? req.url : req.url.slice(0, query)) === EVENTS_PATH;
}

const oneHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : value);

async function answerNodeRequest(req: IncomingMessage, res: ServerResponse, deps: EdgeDeps) {
  const answer = await receiveEvents(
    { header: (name) => oneHeader(req.headers[name]), readBody: (limit) => readNodeBody(req, limit) },
    deps,
  );
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    [CORRELATION_HEADER]: answer.correlationId,
    ...answer.headers,
    // A refused body that was not read to its end cannot leave the connection reusable.
    ...(req.complete ? {} : { connection: "close" }),
  });
  res.end(payload);
}

export async function answerWebRequest(req: Request, deps: EdgeDeps): Promise<Response> {
  const answer: EdgeAnswer = await receiveEvents(
    { header: (name) => req.headers.get(name) ?? undefined, readBody: (limit) => readWebBody(req, limit) },
    deps,
  );
  return Response.json(answer.body, {
    status: answer.status,
    headers: { [CORRELATION_HEADER]: answer.correlationId, ...answer.headers },
  });
}

/** The listener: event posts to the edge, everything else to `next` (Next's request handler). */
export function createEventListener(next: RequestListener, deps: () => EdgeDeps): Server {
  return createServer((req, res) => {
    if (!isEventPost(req)) {
      next(req, res);
      return;
    }
    answerNodeRequest(req, res, deps()).catch((error: unknown) => {
      deps().log.error({ err: error }, "event edge failed to answer");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":{"code":"INTERNAL","message":"Unexpected error."}}');
    });
  });
}

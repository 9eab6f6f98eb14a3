import { readQuery } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { edgeRuntime } from "@/server/hub/edge/edge-runtime";
import { answerWebRequest } from "@/server/hub/edge/listener";
import { feedQuery } from "@/server/hub/feed/contract";
import { readEventFeed } from "@/server/hub/feed/queries";

export const dynamic = "force-dynamic";

/** GET /api/operations/events — the console's own domain events as CloudEvents, resumable with `after`. */
export const GET = restRoute({ scope: "events:read", name: "events.feed" }, async ({ req, db }) =>
  Response.json(await readEventFeed(db, readQuery(req, feedQuery))),
);

/**
 * POST /api/operations/events — one CloudEvent or a batch into the inbox (202 with receipts). `npm start`'s
 * listener answers this path before Next (server/hub/edge/listener.ts); this route gives the same answers
 * through the same core under a plain `next start`.
 */
export async function POST(req: Request): Promise<Response> {
  return answerWebRequest(req, edgeRuntime().deps);
}

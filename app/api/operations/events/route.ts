import { readQuery } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { feedQuery } from "@/server/hub/feed/contract";
import { readEventFeed } from "@/server/hub/feed/queries";

export const dynamic = "force-dynamic";

/** GET /api/operations/events — the console's own domain events as CloudEvents, resumable with `after`. */
export const GET = restRoute({ scope: "events:read", name: "events.feed" }, async ({ req, db }) =>
  Response.json(await readEventFeed(db, readQuery(req, feedQuery))),
);

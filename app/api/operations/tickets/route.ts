import { readJson, readQuery } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import {
  createTicketOverRest,
  listTicketsOverRest,
  restCreateBody,
  restQueueQuery,
} from "@/server/api/rest/tickets";

export const dynamic = "force-dynamic";

/** GET /api/operations/tickets — the queue, nearest SLA deadline first; keyset-paginated (`cursor`). */
export const GET = restRoute({ scope: "tickets:read", name: "tickets.list" }, async ({ req, db, service }) =>
  Response.json(await listTicketsOverRest(db, service, readQuery(req, restQueueQuery))),
);

/** POST /api/operations/tickets — creates and routes a ticket; a known `externalId` answers 200 with the existing one. */
export const POST = restRoute(
  { scope: "tickets:write", name: "tickets.create" },
  async ({ req, db, service }) => {
    const result = await createTicketOverRest(db, service, await readJson(req, restCreateBody));
    return Response.json(result.ticket, { status: result.created ? 201 : 200 });
  },
);

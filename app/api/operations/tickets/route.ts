import { readJson, readQuery } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { createTicketInput } from "@/server/tickets/contract";
import { createTicket } from "@/server/tickets/create";
import { listQueue } from "@/server/tickets/queue";
import { restQueueQuery } from "@/server/tickets/rest-contract";

export const dynamic = "force-dynamic";

/** GET /api/operations/tickets — the queue, nearest SLA deadline first; keyset-paginated (`cursor`). */
export const GET = restRoute({ scope: "tickets:read", name: "tickets.list" }, async ({ req, db, events }) =>
  Response.json(await listQueue(db, { user: null, events }, readQuery(req, restQueueQuery), new Date())),
);

/** POST /api/operations/tickets — creates and routes a ticket; a known `externalId` answers 200 with the existing one. */
export const POST = restRoute(
  { scope: "tickets:write", name: "tickets.create" },
  async ({ req, db, events }) => {
    const result = await createTicket(
      db,
      { user: null, events },
      await readJson(req, createTicketInput),
      new Date(),
    );
    return Response.json(result.ticket, { status: result.created ? 201 : 200 });
  },
);

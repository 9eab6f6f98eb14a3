import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { restChangeRequest, restPatchBody } from "@/server/tickets/rest-contract";
import { changeTicket } from "@/server/tickets/service";

export const dynamic = "force-dynamic";

/** PATCH /api/operations/tickets/{id} — status, priority, assignee and/or a comment, at the version the caller saw. */
export const PATCH = restRoute<{ id: string }>(
  { scope: "tickets:write", name: "tickets.update" },
  async ({ req, db, events, params }) =>
    Response.json(
      await changeTicket(
        db,
        { user: null, events },
        restChangeRequest(params.id, await readJson(req, restPatchBody)),
        new Date(),
      ),
    ),
);

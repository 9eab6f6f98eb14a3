import type { Db } from "../db/client.ts";
import { seesTeam, teamScope, ticketNotFound, type TicketCaller } from "./access.ts";
import { recordHeartbeat, ticketTeam, viewersOfTickets, viewersSince } from "./lookups-repository.ts";

/** Clients beat every ~15 s; three missed beats and a viewer is gone. */
export const VIEWER_TTL_MS = 45_000;

async function assertVisible(db: Db, caller: TicketCaller, ticketId: string): Promise<void> {
  const ticket = await ticketTeam(db, ticketId);
  if (ticket === null || !seesTeam(teamScope(caller), ticket.teamId)) throw ticketNotFound(ticketId);
}

export async function heartbeat(db: Db, caller: TicketCaller & { user: { id: string } }, ticketId: string, now: Date) {
  await assertVisible(db, caller, ticketId);
  const since = new Date(now.getTime() - VIEWER_TTL_MS);
  await recordHeartbeat(db, ticketId, caller.user.id, now, since);
  return viewersSince(db, ticketId, since);
}

export async function listViewers(db: Db, caller: TicketCaller, ticketId: string, now: Date) {
  await assertVisible(db, caller, ticketId);
  return viewersSince(db, ticketId, new Date(now.getTime() - VIEWER_TTL_MS));
}

/** Viewers of many tickets at once (the queue's rows); tickets outside the caller's teams are left out. */
export async function listViewersOf(db: Db, caller: TicketCaller, ticketIds: readonly string[], now: Date) {
  return viewersOfTickets(db, ticketIds, teamScope(caller), new Date(now.getTime() - VIEWER_TTL_MS));
}

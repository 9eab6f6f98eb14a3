import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { seesTeam, signedInUser, teamScope, ticketNotFound } from "./access.ts";
import { recordHeartbeat, ticketTeam, viewersOfTickets, viewersSince } from "./lookups-repository.ts";

/** Clients beat every ~15 s; three missed beats and a viewer is gone. */
const VIEWER_TTL_MS = 45_000;

const seenSince = (now: Date) => new Date(now.getTime() - VIEWER_TTL_MS);

async function assertVisible(db: Db, context: ServiceContext, ticketId: string): Promise<void> {
  const ticket = await ticketTeam(db, ticketId);
  if (ticket === null || !seesTeam(teamScope(context), ticket.teamId)) throw ticketNotFound(ticketId);
}

export async function heartbeat(db: Db, context: ServiceContext, { ticketId }: { ticketId: string }) {
  const user = signedInUser(context, "A presence heartbeat");
  await assertVisible(db, context, ticketId);
  const now = context.clock.now();
  const since = seenSince(now);
  await recordHeartbeat(db, ticketId, user.id, now, since);
  return viewersSince(db, ticketId, since);
}

export async function listViewers(db: Db, context: ServiceContext, { ticketId }: { ticketId: string }) {
  await assertVisible(db, context, ticketId);
  return viewersSince(db, ticketId, seenSince(context.clock.now()));
}

/** Viewers of many tickets at once (the queue's rows); tickets outside the caller's teams are left out. */
export async function listViewersOf(
  db: Db,
  context: ServiceContext,
  { ticketIds }: { ticketIds: readonly string[] },
) {
  return viewersOfTickets(db, ticketIds, teamScope(context), seenSince(context.clock.now()));
}

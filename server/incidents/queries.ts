import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { listInput, type IncidentDetail, type IncidentSummary } from "./contract.ts";
import { findIncident, listIncidents, listMembers, listUpdates, toSummary } from "./incident-repository.ts";
import { parseInput } from "../lib/parse-input.ts";
import { nextStates } from "./state-machine.ts";
import { timelineOf } from "./timeline.ts";

// Reading incidents: the list (newest first) and the room (members grouped by the screen, updates, a timeline of
// the incident's and its members' events with the responders' notes in their words: timeline.ts).

export async function incidentList(
  db: Db,
  context: ServiceContext,
  raw: unknown,
): Promise<IncidentSummary[]> {
  requirePermission(context, "incidents:read");
  return listIncidents(db, parseInput(listInput, raw ?? {}));
}

export async function incidentRoom(db: Db, context: ServiceContext, id: string): Promise<IncidentDetail> {
  requirePermission(context, "incidents:read");
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError("NOT_FOUND", `id: no incident ${id}`);
  const [members, updates] = await Promise.all([listMembers(db, id), listUpdates(db, id)]);
  const active = members.filter((m) => !m.removedAt);
  // The timeline follows the first members only: a room of thousands shows the incident's own events in full.
  const timeline = await timelineOf(db, id, active.slice(0, 100), updates, 200);
  return {
    incident: toSummary(incident, active.length),
    members,
    updates,
    timeline,
    nextStates: [...nextStates(incident.state)],
  };
}

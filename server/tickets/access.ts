import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/repository.ts";
import type { EventContext } from "../events/types.ts";
import { AppError } from "../lib/errors.ts";

/** Who acts on tickets: a signed-in user, or an API client (user null) acting for the whole platform. */
export interface TicketCaller {
  user: SessionUser | null;
  events: EventContext;
}

/** The teams whose tickets a caller sees: every team, or a list (possibly empty). */
export type TeamScope = { all: true } | { all: false; teamIds: readonly string[] };

/** Agents see their own team; team leads, admins (tickets:all_teams) and API clients see every team. */
export function teamScope(caller: TicketCaller): TeamScope {
  const user = caller.user;
  if (user === null || user.leadsTeam || can(user.roles, "tickets:all_teams", user.permissions)) return { all: true };
  return { all: false, teamIds: user.teamId === null ? [] : [user.teamId] };
}

export function seesTeam(scope: TeamScope, teamId: string): boolean {
  return scope.all || scope.teamIds.includes(teamId);
}

/** A ticket outside the caller's teams answers like an unknown one, so ids of other teams leak nothing. */
export function ticketNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `Ticket ${id} was not found.`);
}

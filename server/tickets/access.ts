import { can } from "../auth/permissions.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, type ServiceContext } from "../lib/service-context.ts";

/** The teams whose tickets a caller sees: every team, or a list (possibly empty). */
export type TeamScope = { all: true } | { all: false; teamIds: readonly string[] };

/**
 * Agents see their own team; team leads, admins (tickets:all_teams), API clients and system jobs (who act for
 * the whole platform) see every team.
 */
export function teamScope(context: ServiceContext): TeamScope {
  const user = actingUser(context);
  if (user === null || user.leadsTeam || can(user.roles, "tickets:all_teams", user.permissions))
    return { all: true };
  return { all: false, teamIds: user.teamId === null ? [] : [user.teamId] };
}

export function seesTeam(scope: TeamScope, teamId: string): boolean {
  return scope.all || scope.teamIds.includes(teamId);
}

/** A ticket outside the caller's teams answers like an unknown one, so ids of other teams leak nothing. */
export function ticketNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `Ticket ${id} was not found.`);
}

/** The signed-in user behind a call that only a person can make (assign to me, presence, saved views). */
export function signedInUser(context: ServiceContext, what: string) {
  const user = actingUser(context);
  if (user === null) throw new AppError("BAD_REQUEST", `${what} needs a signed-in user.`);
  return user;
}

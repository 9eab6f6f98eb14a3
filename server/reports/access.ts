import { can } from "../auth/permissions.ts";
import { actingUser, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { reportDefinition } from "./catalogue.ts";
import type { ReportName } from "./metric-definition.ts";
import type { TicketScope } from "./ticket-report-repository.ts";

// Who may read which report: reports:read, plus the area's own read permission (a support lead's reports need
// tickets:read, a risk lead's risks:read, a city manager's cities:read, workflow figures workflows:read). API
// clients hold the reports:read scope.

const AREA_PERMISSION = {
  support: "tickets:read",
  risk: "risks:read",
  city: "cities:read",
  workflow: "workflows:read",
} as const;

export function requireReportAccess(context: ServiceContext, name: ReportName): void {
  requirePermission(context, "reports:read");
  requirePermission(context, AREA_PERMISSION[reportDefinition(name).audience]);
}

export function mayReadReport(context: ServiceContext, name: ReportName): boolean {
  const user = actingUser(context);
  return user === null || userMayReadReport(user, name);
}

/** The same rule for a person by roles and grants (the daily e-mail's subscribers). */
export function userMayReadReport(
  user: { roles: readonly string[]; permissions: readonly string[] },
  name: ReportName,
): boolean {
  const area = AREA_PERMISSION[reportDefinition(name).audience];
  return can(user.roles, "reports:read", user.permissions) && can(user.roles, area, user.permissions);
}

/** Ticket figures cover the teams whose tickets the reader may see: every team for leads and all-team readers. */
export function ticketScope(context: ServiceContext): TicketScope {
  const user = actingUser(context);
  if (user === null || user.leadsTeam || can(user.roles, "tickets:all_teams", user.permissions)) {
    return { teamIds: null };
  }
  return { teamIds: user.teamId === null ? [] : [user.teamId] };
}

export function localeOf(context: ServiceContext): "en" | "ja" {
  return actingUser(context)?.locale === "ja" ? "ja" : "en";
}

import { can, type Permission } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/repository.ts";

// Which permission lets a user see live events of an aggregate type; unknown types are never streamed.
const READ_PERMISSION: Record<string, Permission> = {
  ticket: "tickets:read",
  risk_case: "risks:read",
  city: "cities:read",
  alert: "cities:read",
  // Instance events carry ids only; what a person may open is checked when the page reads the instance.
  workflow: "workflows:read",
  incident: "incidents:read",
};

export function canSeeAggregate(user: SessionUser, aggregateType: string): boolean {
  const permission = READ_PERMISSION[aggregateType];
  return permission !== undefined && can(user.roles, permission, user.permissions);
}

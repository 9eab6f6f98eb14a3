// One readable table: what each role may do. Anything not listed is denied.
export const ROLES = ["support_agent", "risk_manager", "city_manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "tickets:read",
  "tickets:write",
  "tickets:all_teams",
  "risks:read",
  "risks:write",
  "risks:rules",
  "pii:view",
  "cities:read",
  "cities:write",
  "alerts:manage",
  "audit:read",
  "api_clients:manage",
  "events:manage",
  "users:manage",
  "oncall:read",
  "oncall:manage",
  "reports:read",
  "workflows:read",
  "workflows:write",
  "workflows:manage",
  "notifications:manage",
  // One's own in-app notifications (the bell) and the delivery log of objects one may read.
  "notifications:read",
  "incidents:read",
  "incidents:write",
  "incidents:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What every operating role may do besides its own domain: reports, on-call, notifications, workflows, incidents. */
const SHARED_BY_OPERATORS: readonly Permission[] = [
  "reports:read",
  "oncall:read",
  "notifications:read",
  "workflows:read",
  "workflows:write",
  "incidents:read",
  "incidents:write",
];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  support_agent: ["tickets:read", "tickets:write", ...SHARED_BY_OPERATORS],
  risk_manager: ["risks:read", "risks:write", "risks:rules", ...SHARED_BY_OPERATORS],
  city_manager: ["cities:read", "cities:write", "alerts:manage", ...SHARED_BY_OPERATORS],
  admin: PERMISSIONS,
};

// ── Second factor ────────────────────────────────────────────────────────────

/** Roles that must sign in with a second factor (an account without one is sent to enrol first). */
const MFA_REQUIRED_ROLES: readonly Role[] = ["admin"];

/** How long a verified second factor covers the privileged operations below. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

/**
 * Privileged operations, by tRPC procedure path: each needs the second factor verified in this session within
 * STEP_UP_WINDOW_MS, or it answers 403 STEP_UP_REQUIRED and the console asks for a code, then retries.
 * (A test checks that every path names a real procedure.)
 */
export const STEP_UP_PROCEDURES: ReadonlySet<string> = new Set([
  "risk.revealPii",
  "risk.rules.publish",
  "apiClients.create",
  "apiClients.disable",
  "apiClients.rotateSecret",
  "backbone.redrive",
  "notifications.redrive",
  "notifications.saveChannel",
  "hub.replay",
  "hub.rotateSecret",
  "users.invite",
  "users.update",
  "users.deactivate",
  "users.reactivate",
  "users.resetMfa",
  "users.newInviteLink",
  "workflows.migrate",
]);

export function requiresMfa(roles: readonly string[]): boolean {
  return roles.some((role) => (MFA_REQUIRED_ROLES as readonly string[]).includes(role));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Role defaults plus explicit grants; unknown roles and grants give nothing. */
export function permissionsOf(roles: readonly string[], grants: readonly string[] = []): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) {
    if (isRole(role)) ROLE_PERMISSIONS[role].forEach((p) => result.add(p));
  }
  for (const grant of grants) {
    if (isPermission(grant)) result.add(grant);
  }
  return result;
}

export function can(
  roles: readonly string[],
  permission: Permission,
  grants: readonly string[] = [],
): boolean {
  return permissionsOf(roles, grants).has(permission);
}

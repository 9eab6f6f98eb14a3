import type { Permission } from "@/server/auth/permissions";

export type NavKey =
  | "overview"
  | "tickets"
  | "risk"
  | "cities"
  | "reports"
  | "catalogue"
  | "audit"
  | "users"
  | "apiClients"
  | "backbone"
  | "hub"
  | "notifications"
  | "oncall"
  | "incidents"
  | "workflowTemplates";

/** Every item except Overview is an area of work with its own overview card. */
export type AreaKey = Exclude<NavKey, "overview">;

export interface NavItem {
  key: NavKey;
  href: string;
  /** null: every signed-in user. */
  permission: Permission | null;
  testId: string;
}

// The console's areas in display order; the sidebar and the overview cards both read this table.
const NAV_ITEMS: readonly NavItem[] = [
  { key: "overview", href: "/", permission: null, testId: "nav-overview" },
  { key: "tickets", href: "/tickets", permission: "tickets:read", testId: "nav-tickets" },
  { key: "risk", href: "/risk", permission: "risks:read", testId: "nav-risk" },
  { key: "cities", href: "/cities", permission: "cities:read", testId: "nav-cities" },
  { key: "incidents", href: "/incidents", permission: "incidents:read", testId: "nav-incidents" },
  { key: "oncall", href: "/oncall", permission: "oncall:read", testId: "nav-oncall" },
  { key: "reports", href: "/reports", permission: "reports:read", testId: "nav-reports" },
  { key: "catalogue", href: "/events/catalogue", permission: null, testId: "nav-catalogue" },
  { key: "audit", href: "/admin/audit", permission: "audit:read", testId: "nav-audit" },
  { key: "users", href: "/admin/users", permission: "users:manage", testId: "nav-users" },
  {
    key: "apiClients",
    href: "/admin/api-clients",
    permission: "api_clients:manage",
    testId: "nav-api-clients",
  },
  { key: "backbone", href: "/admin/events", permission: "events:manage", testId: "nav-backbone" },
  { key: "hub", href: "/admin/hub", permission: "events:manage", testId: "nav-hub" },
  {
    key: "workflowTemplates",
    href: "/admin/workflows",
    permission: "workflows:manage",
    testId: "nav-workflow-templates",
  },
  {
    key: "notifications",
    href: "/admin/notifications",
    permission: "notifications:manage",
    testId: "nav-notifications",
  },
];

export function navItemsFor(permissions: ReadonlySet<Permission>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === null || permissions.has(item.permission));
}

export function isAreaItem(item: NavItem): item is NavItem & { key: AreaKey } {
  return item.key !== "overview";
}

export function isActiveNavItem(item: NavItem, pathname: string): boolean {
  return item.href === "/"
    ? pathname === "/"
    : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

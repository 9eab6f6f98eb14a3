import type { Role } from "../auth/permissions";

// Demo sign-ins printed by `npm start` and used by the browser tests. Demo data only.
export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  roles: Role[];
  permissions: string[];
  /**
   * Accounts holding privileged operations sign in with a second factor: this TOTP secret (base32) is enrolled by
   * the seed and printed by `npm start`; add it to an authenticator app, or let the browser tests compute codes.
   */
  totpSecret?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "agent@demo.ops",
    password: "agent-demo-pass",
    name: "Sakura Tanaka",
    roles: ["support_agent"],
    permissions: [],
  },
  {
    email: "risk@demo.ops",
    password: "risk-demo-pass",
    name: "Kenji Watanabe",
    roles: ["risk_manager"],
    permissions: ["pii:view"],
    totpSecret: "KRSXG5CSNFZWWTLBNZQWOZLSIRSW23ZR",
  },
  {
    email: "city@demo.ops",
    password: "city-demo-pass",
    name: "Yui Nakamura",
    roles: ["city_manager"],
    permissions: [],
  },
  {
    email: "admin@demo.ops",
    password: "admin-demo-pass",
    name: "Hiro Sato",
    roles: ["admin"],
    permissions: [],
    totpSecret: "IFSG22LOIRSW23ZSIRSW23ZRGIZTINJW",
  },
];

// A machine client for the REST integration contract, printed at start.
export const DEMO_API_CLIENT = {
  clientId: "demo-integration",
  clientSecret: "demo-integration-secret-2026",
  name: "Demo integration (other platform units)",
  scopes: [
    "tickets:read",
    "tickets:write",
    "risks:read",
    "risks:write",
    "cities:read",
    "cities:write",
    "events:write",
    "events:read",
  ],
} as const;

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// ── Layering ─────────────────────────────────────────────────────────────────
// Imports point one way: app and components → api → domains → events, lib, auth, db. Among the domains,
// indicators ← alerts ← cities; tickets, risk, workflows, oncall, notifications, reports, retention and incidents stand
// alone and meet through events; the backbone sits above the domains and consumes their events. Only repositories touch the Prisma client, and no one reaches into another folder's repository
// (auth's repository holds the session user every transport and permission check shares, so it is exempt).
// Import specifiers are matched as written: relative ("../risk/x.ts", "../../risk/x.ts") or "@/server/risk/x".

const DOMAINS = [
  "tickets",
  "risk",
  "alerts",
  "cities",
  "indicators",
  "workflows",
  "notifications",
  "oncall",
  "reports",
  "retention",
  "incidents",
];

/** A specifier that reaches into one of these server folders from outside it. */
const serverFolder = (folders) => `^(?:(?:\\.\\./)+(?:server/)?|@/server/)(?:${folders.join("|")})/`;

const PRISMA_CLIENT = {
  regex: "(?:^|/)db/generated(?:/|$)",
  message:
    "Only *repository.ts files (and server/db, server/seed, tests, bench) import the Prisma client: move the query into the domain's repository, or take the type from server/db (transaction.ts, json.ts, sql.ts) or the domain's own types.",
};

const OTHER_REPOSITORY = {
  // The folder holding the repository is the last one named; a specifier starting "./" stays in its own folder.
  regex: "^(?:\\.\\./|@/)(?:[^/]+/)*(?!auth/)[^/]+/[^/]*repository(?:\\.ts)?$",
  message:
    "Another folder's repository is private to it: call its service or queries module, or read a contract/type module.",
};

const crossing = (folders, message) => ({ regex: serverFolder(folders), message });

const SOURCE = "**/*.{ts,tsx,mts,js,mjs}";
const REPOSITORY = "**/*repository.ts";
/** Code that may use the Prisma client and any repository: the data layer, the seed, tests, benchmarks. */
const UNRESTRICTED = ["server/seed/**", "tests/**", "bench/**", "e2e/**", "**/*.test.{ts,tsx}"];

/**
 * One layer's rule, twice: repositories may import the Prisma client, every other file may not. Flat config
 * replaces a rule's options per file (the last matching entry wins), so each entry carries its layer's whole list.
 */
function layer(files, ...patterns) {
  const rule = (list) => ({ "no-restricted-imports": ["error", { patterns: list }] });
  return [
    { files, ignores: [REPOSITORY], rules: rule([PRISMA_CLIENT, OTHER_REPOSITORY, ...patterns]) },
    {
      files: files.map((glob) => glob.replace(/\*\*(?:\/\*)?(?:\.\{[^}]+\})?$/, REPOSITORY)),
      rules: rule([OTHER_REPOSITORY, ...patterns]),
    },
  ];
}

const ABOVE_DOMAINS = crossing(
  ["backbone", "api"],
  "Domains sit below the API and the event backbone: expose a service or a contract instead of importing upward.",
);

/** The domains `domain` must not import: all but itself and those below it. */
function otherDomains(domain, below = []) {
  const may = below.length ? below.map((name) => `server/${name}`).join(" and ") : "no other domain";
  return crossing(
    DOMAINS.filter((name) => name !== domain && !below.includes(name)),
    `server/${domain} may import ${may}: domains depend one way (indicators ← alerts ← cities; every other domain alone).`,
  );
}

const FOUNDATION = crossing(
  [...DOMAINS, "backbone", "api", "seed"],
  "The foundation (events, lib, auth, db, i18n) imports no domain, backbone, API or seed code.",
);

const layering = [
  ...layer([SOURCE]),
  ...layer(["server/indicators/**"], ABOVE_DOMAINS, otherDomains("indicators")),
  ...layer(["server/alerts/**"], ABOVE_DOMAINS, otherDomains("alerts", ["indicators"])),
  ...layer(["server/cities/**"], ABOVE_DOMAINS, otherDomains("cities", ["alerts", "indicators"])),
  ...layer(["server/tickets/**"], ABOVE_DOMAINS, otherDomains("tickets")),
  ...layer(["server/risk/**"], ABOVE_DOMAINS, otherDomains("risk")),
  ...layer(["server/workflows/**"], ABOVE_DOMAINS, otherDomains("workflows")),
  ...layer(["server/oncall/**"], ABOVE_DOMAINS, otherDomains("oncall")),
  ...layer(["server/notifications/**"], ABOVE_DOMAINS, otherDomains("notifications")),
  ...layer(["server/reports/**"], ABOVE_DOMAINS, otherDomains("reports")),
  ...layer(["server/retention/**"], ABOVE_DOMAINS, otherDomains("retention")),
  ...layer(["server/incidents/**"], ABOVE_DOMAINS, otherDomains("incidents")),
  ...layer(["server/{events,lib,auth,i18n}/**"], FOUNDATION),
  // server/db owns the Prisma client.
  { files: ["server/db/**"], rules: { "no-restricted-imports": ["error", { patterns: [FOUNDATION] }] } },
  { files: UNRESTRICTED, rules: { "no-restricted-imports": "off" } },
];

const config = [
  ...nextVitals,
  ...nextTs,
  ...layering,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "server/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;

import { createLoader, createParser, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { isUuid } from "@/server/lib/ids";
import { RISK_CASE_STATUSES, RISK_LEVELS, RISK_TYPES, type RiskCaseStatus } from "@/server/risk/types";

// The risk list's filters live in the URL (shareable links). Shared by the page (server) and the list (client).

const uuidParser = createParser({
  parse: (value) => (isUuid(value) ? value : null),
  serialize: (value: string) => value,
});

export const STATUS_FILTERS = ["active", ...RISK_CASE_STATUSES, "all"] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

const STATUS_SETS: Record<StatusFilter, RiskCaseStatus[] | undefined> = {
  active: ["open", "mitigating"],
  open: ["open"],
  mitigating: ["mitigating"],
  closed: ["closed"],
  all: undefined,
};

export const riskFilterParsers = {
  level: parseAsStringLiteral(RISK_LEVELS),
  type: parseAsStringLiteral(RISK_TYPES),
  status: parseAsStringLiteral(STATUS_FILTERS).withDefault("active"),
  owner: createParser({
    parse: (value) => (value === "unassigned" || isUuid(value) ? value : null),
    serialize: (value: string) => value,
  }),
  city: uuidParser,
};

export type RiskFilters = inferParserType<typeof riskFilterParsers>;

export const loadRiskFilters = createLoader(riskFilterParsers);

const RISK_PAGE_SIZE = 50;

/** The risk.list input for these filters (without the cursor). */
export function riskListInput(filters: RiskFilters) {
  return {
    level: filters.level ? [filters.level] : undefined,
    type: filters.type ? [filters.type] : undefined,
    status: STATUS_SETS[filters.status],
    owner: filters.owner ?? undefined,
    cityId: filters.city ?? undefined,
    limit: RISK_PAGE_SIZE,
  };
}

export function sameRiskFilters(a: RiskFilters, b: RiskFilters): boolean {
  return (Object.keys(riskFilterParsers) as (keyof RiskFilters)[]).every((key) => a[key] === b[key]);
}

export function isFiltered(filters: RiskFilters): boolean {
  return (
    filters.level !== null ||
    filters.type !== null ||
    filters.owner !== null ||
    filters.city !== null ||
    filters.status !== "active"
  );
}

// Scopes an API client can hold for the REST integration contract.
export const API_SCOPES = [
  "tickets:read",
  "tickets:write",
  "risks:read",
  "risks:write",
  "cities:read",
  "cities:write",
  "events:write",
  "events:read",
  "metrics:read",
  "reports:read",
  "workflows:read",
  "workflows:write",
  "incidents:read",
  "incidents:write",
  "oncall:read",
  "oncall:write",
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Parses an OAuth `scope` parameter (space separated); returns the unknown ones separately. */
export function parseScopeParam(param: string | null | undefined): { scopes: string[]; unknown: string[] } {
  const scopes = (param ?? "").split(" ").filter((s) => s.length > 0);
  return { scopes, unknown: scopes.filter((s) => !isApiScope(s)) };
}

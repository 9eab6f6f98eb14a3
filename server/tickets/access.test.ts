import { describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/repository.ts";
import { AppError } from "../lib/errors.ts";
import { apiClientContext, systemContext, userContext } from "../lib/service-context.ts";
import { signedInUser, teamScope } from "./access.ts";

const TEAM = "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d";

const user = (overrides: Partial<SessionUser> = {}): SessionUser => ({
  id: "0190f5b2-7c1e-7a3b-9c4d-000000000001",
  email: "agent@demo.ops",
  name: "Agent",
  roles: ["support_agent"],
  permissions: [],
  teamId: TEAM,
  leadsTeam: false,
  locale: "en",
  ...overrides,
});

const client = apiClientContext({ clientDbId: "c1", clientId: "zendesk", scopes: ["tickets:read"] }, "corr");

describe("teamScope", () => {
  it("keeps an agent to their own team, and an agent without a team to none", () => {
    expect(teamScope(userContext(user(), "corr"))).toEqual({ all: false, teamIds: [TEAM] });
    expect(teamScope(userContext(user({ teamId: null }), "corr"))).toEqual({ all: false, teamIds: [] });
  });

  it("opens every team to team leads, admins, API clients and system jobs", () => {
    expect(teamScope(userContext(user({ leadsTeam: true }), "corr"))).toEqual({ all: true });
    expect(teamScope(userContext(user({ roles: ["admin"] }), "corr"))).toEqual({ all: true });
    expect(teamScope(client)).toEqual({ all: true });
    expect(teamScope(systemContext("sla-sweep"))).toEqual({ all: true });
  });
});

describe("signedInUser", () => {
  it("answers the user, and refuses an API client or a job by what needed a person", () => {
    expect(signedInUser(userContext(user(), "corr"), "assignToMe").id).toBe(user().id);
    expect(() => signedInUser(client, "assignToMe")).toThrow(
      new AppError("BAD_REQUEST", "assignToMe needs a signed-in user."),
    );
  });
});

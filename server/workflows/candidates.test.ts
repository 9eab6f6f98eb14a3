import { describe, expect, it } from "vitest";
import { candidateQuery, resolveCandidates, type Person } from "./candidates.ts";
import { template } from "./test-fixtures.ts";

const t = template({
  steps: [
    {
      key: "own",
      kind: "task",
      title: "T",
      titleJa: "T",
      candidates: { assignee: "bound_owner", teams: ["tokyo"] },
    },
    { key: "mine", kind: "task", title: "T", titleJa: "T", candidates: { assignee: "initiator" } },
    {
      key: "ok",
      kind: "approval",
      title: "A",
      titleJa: "A",
      mode: {
        type: "per_group",
        groups: [
          { key: "risk", candidates: { roles: ["risk_manager"] } },
          { key: "named", candidates: { users: ["boss@example.test"] } },
        ],
      },
    },
    { key: "wait", kind: "timer", title: "W", titleJa: "W", minutes: 5 },
  ],
});

const people: Person[] = [
  { id: "u1", email: "u1@example.test", roles: ["support_agent"], teamKey: "tokyo" },
  { id: "u2", email: "u2@example.test", roles: ["risk_manager"], teamKey: null },
  { id: "u3", email: "boss@example.test", roles: ["admin"], teamKey: "osaka" },
];

describe("candidates", () => {
  it("asks for every role, team and address the template names, once", () => {
    expect(candidateQuery(t)).toEqual({
      roles: ["risk_manager"],
      teamKeys: ["tokyo"],
      emails: ["boss@example.test"],
      clientIds: [],
    });
  });

  it("resolves the bound owner, the initiator, team members, role holders and named people per step and group", () => {
    expect(resolveCandidates(t, people, { initiatorId: "init", boundOwnerId: "owner" })).toEqual({
      own: { ownerIds: ["owner", "u1"], groups: [] },
      mine: { ownerIds: ["init"], groups: [] },
      ok: {
        ownerIds: [],
        groups: [
          { key: "risk", userIds: ["u2"] },
          { key: "named", userIds: ["u3"] },
        ],
      },
      wait: { ownerIds: [], groups: [] },
    });
  });

  it("resolves an integration by its API client id, never a person by an address that looks like one", () => {
    const owned = template({
      steps: [
        { key: "refund", kind: "task", title: "R", titleJa: "R", candidates: { clients: ["payments-bot"] } },
      ],
    });
    expect(candidateQuery(owned)).toMatchObject({ clientIds: ["payments-bot"], emails: [] });
    const bot: Person = { id: "c1", email: "", roles: [], teamKey: null, clientId: "payments-bot" };
    const other: Person = { id: "c2", email: "", roles: [], teamKey: null, clientId: "crm" };
    expect(
      resolveCandidates(owned, [...people, bot, other], { initiatorId: "i", boundOwnerId: null }),
    ).toEqual({
      refund: { ownerIds: ["c1"], groups: [] },
    });
  });
});

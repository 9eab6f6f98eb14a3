import { describe, expect, it } from "vitest";
import { changedFields } from "./ticket-diff";
import type { TicketDetail } from "./types";

const team = { id: "t1", key: "consumer", name: "Consumer", nameJa: "カスタマー" };
const seen: Parameters<typeof changedFields>[0] = {
  subject: "配達が遅れています",
  status: "open",
  priority: "P3",
  category: "delivery_delay",
  assignee: { id: "u1", name: "Sakura Tanaka" },
  team,
};

const detail = (fields: Partial<TicketDetail>) => ({ ...seen, ...fields });

describe("changedFields", () => {
  it("is empty when only the version moved (e.g. a comment was added)", () => {
    expect(changedFields(detail({}), detail({}))).toEqual([]);
  });

  it("names every changed field in a stable order", () => {
    const current = detail({ priority: "P1", status: "pending", assignee: null });
    expect(changedFields(detail({}), current)).toEqual(["status", "priority", "assignee"]);
  });

  it("sees a team move and a new subject", () => {
    const current = detail({ team: { ...team, id: "t2" }, subject: "Refund" });
    expect(changedFields(detail({}), current)).toEqual(["team", "subject"]);
  });
});

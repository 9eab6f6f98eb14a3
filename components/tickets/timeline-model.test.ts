import { describe, expect, it } from "vitest";
import { timelineItems } from "./timeline-model";
import type { TimelineEntry } from "./types";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 3, 0, seconds));
const actor = { type: "user", id: "u9", name: "Haruto Suzuki" };

const entries: TimelineEntry[] = [
  { kind: "event", id: "e1", at: at(0), type: "TicketCreated", actor, payload: { number: 7 } },
  {
    kind: "assignment",
    id: "a1",
    at: at(10),
    assignee: { id: "u1", name: "Sakura" },
    decidedBy: "manual",
    reason: {},
  },
  { kind: "event", id: "e2", at: at(10), type: "TicketAssigned", actor, payload: { from: null, to: "u1" } },
  { kind: "comment", id: "c1", at: at(20), author: null, visibility: "public", body: "Hello" },
  { kind: "event", id: "e3", at: at(20), type: "TicketCommented", actor, payload: { visibility: "public" } },
  {
    kind: "event",
    id: "e4",
    at: at(30),
    type: "TicketStatusUpdated",
    actor,
    payload: { from: "open", to: "resolved" },
  },
  { kind: "event", id: "e5", at: at(30), type: "TicketResolved", actor, payload: {} },
];

describe("timelineItems", () => {
  it("drops events another entry already shows", () => {
    expect(timelineItems(entries).map((item) => item.id)).toEqual(["e1", "a1", "c1", "e4"]);
  });

  it("names who made an assignment from its event", () => {
    const assignment = timelineItems(entries).find((item) => item.kind === "assignment");
    expect(assignment).toMatchObject({ actorName: "Haruto Suzuki" });
  });

  it("leaves the actor unknown when no event matches (e.g. routing at creation by the system)", () => {
    const [, lone] = entries;
    expect(lone && timelineItems([lone])).toMatchObject([{ id: "a1", actorName: null }]);
  });

  it("puts the creation before the routing decision made at the same instant", () => {
    const [created, assignment] = entries;
    const routed = assignment && { ...assignment, at: at(0), reason: { rule: "least_loaded" } };
    expect(routed && created && timelineItems([routed, created]).map((item) => item.id)).toEqual([
      "e1",
      "a1",
    ]);
  });
});

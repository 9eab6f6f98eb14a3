import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ruleDefinitionSchema, type RuleDefinition } from "./correlation-rule.ts";
import { decide, simulate, type Candidate } from "./correlation.ts";

const base = Date.parse("2026-12-01T00:00:00Z");

const rule = (overrides: Partial<RuleDefinition> = {}): RuleDefinition =>
  ruleDefinitionSchema.parse({
    key: "restaurant",
    windowMinutes: 30,
    maxWindowMinutes: 120,
    minCount: 5,
    minReporters: 3,
    members: [{ kind: "ticket" }],
    priority: "P2",
    title: "Problems at {key}",
    ...overrides,
  });

const candidate = (n: number, minute: number, reporter = `r${n}`, member = `t${n}`): Candidate => ({
  eventId: `e${n}`,
  memberId: member,
  at: new Date(base + minute * 60_000),
  reporter,
});

const arbRule = fc
  .record({
    windowMinutes: fc.integer({ min: 1, max: 60 }),
    extra: fc.integer({ min: 0, max: 240 }),
    minCount: fc.integer({ min: 1, max: 6 }),
    reporters: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ windowMinutes, extra, minCount, reporters }) =>
    rule({
      windowMinutes,
      maxWindowMinutes: windowMinutes + extra,
      minCount,
      minReporters: Math.min(reporters, minCount),
    }),
  );

const arbEvents = fc.array(
  fc.record({
    key: fc.constantFrom("a", "b", "c"),
    minute: fc.integer({ min: 0, max: 600 }),
    reporter: fc.integer({ min: 0, max: 4 }),
    // A small pool, so one member (a ticket, case or alert) often has several events.
    member: fc.integer({ min: 0, max: 40 }),
  }),
  { maxLength: 120 },
);

const replay = (
  r: RuleDefinition,
  events: { key: string; minute: number; reporter: number; member: number }[],
) =>
  simulate(
    r,
    events.map((e, n) => ({
      key: e.key,
      candidate: candidate(n, e.minute, `r${e.reporter}`, `m${e.member}`),
    })),
  );

describe("correlation maths", () => {
  it("opens at the fifth ticket from three reporters within 30 minutes, not before", () => {
    const r = rule();
    const waiting = [candidate(1, 0, "x"), candidate(2, 5, "x"), candidate(3, 10, "y")];
    expect(decide(r, { open: null, waiting }, candidate(4, 12, "y"))).toEqual({
      action: "wait",
      counted: 4,
      reporters: 2,
    });
    const opened = decide(
      r,
      { open: null, waiting: [...waiting, candidate(4, 12, "y")] },
      candidate(5, 20, "z"),
    );
    expect(opened).toMatchObject({ action: "open", windowStart: new Date(base) });
    if (opened.action === "open")
      expect(opened.members.map((m) => m.eventId)).toEqual(["e1", "e2", "e3", "e4", "e5"]);
  });

  it("forgets events that slid out of the window", () => {
    const waiting = [candidate(1, 0), candidate(2, 1), candidate(3, 2), candidate(4, 3)];
    expect(decide(rule(), { open: null, waiting }, candidate(5, 40))).toMatchObject({
      action: "wait",
      counted: 1,
    });
  });

  it("late members join the open incident until the maximum window, then a new one starts", () => {
    const open = {
      incidentId: "i1",
      windowStart: new Date(base),
      lastMemberAt: new Date(base + 100 * 60_000),
    };
    expect(decide(rule(), { open, waiting: [] }, candidate(9, 110))).toMatchObject({
      action: "join",
      incidentId: "i1",
    });
    expect(decide(rule(), { open, waiting: [] }, candidate(9, 121))).toMatchObject({ action: "wait" });
  });

  it("a late member of a resolved incident opens a new one linked to it, at once", () => {
    const resolved = {
      incidentId: "i1",
      windowStart: new Date(base),
      lastMemberAt: new Date(base + 10 * 60_000),
    };
    expect(decide(rule(), { open: null, waiting: [], resolved }, candidate(9, 20))).toMatchObject({
      action: "open",
      linkedIncidentId: "i1",
      windowStart: new Date(base + 20 * 60_000),
    });
    expect(decide(rule(), { open: null, waiting: [], resolved }, candidate(9, 50))).toMatchObject({
      action: "wait",
    });
  });

  it("a member held by an open incident of the rule joins no other and counts towards none", () => {
    const open = { incidentId: "i1", windowStart: new Date(base), lastMemberAt: new Date(base) };
    const held = new Set(["t9"]);
    // Past the old incident's maximum window, the same ticket's next event stays where it is.
    expect(decide(rule(), { open, waiting: [], held }, candidate(9, 200, "x", "t9"))).toEqual({
      action: "held",
    });
    const waiting = [1, 2, 3, 4].map((n) => candidate(n, 200 + n, `r${n}`, n === 1 ? "t9" : `t${n}`));
    expect(decide(rule(), { open: null, waiting, held }, candidate(5, 206))).toMatchObject({
      action: "wait",
      counted: 4,
    });
    // Two events of one member count once.
    const twice = [
      candidate(1, 0, "a"),
      candidate(2, 1, "b", "t1"),
      candidate(3, 2, "c"),
      candidate(4, 3, "d"),
    ];
    expect(decide(rule(), { open: null, waiting: twice }, candidate(5, 4, "e"))).toMatchObject({
      action: "wait",
      counted: 4,
    });
  });

  it("a member never joins two incidents of the same rule", () => {
    fc.assert(
      fc.property(arbRule, arbEvents, (r, events) => {
        const incidents = replay(r, events);
        const joined = incidents.flatMap((incident) => incident.members.map((m) => m.eventId));
        expect(new Set(joined).size).toBe(joined.length);
        const members = incidents.flatMap((incident) => [
          ...new Set(incident.members.map((m) => m.memberId)),
        ]);
        expect(new Set(members).size).toBe(members.length);
      }),
    );
  });

  it("never exceeds the maximum window and meets both thresholds when opening", () => {
    fc.assert(
      fc.property(arbRule, arbEvents, (r, events) => {
        for (const incident of replay(r, events)) {
          expect(new Set(incident.members.map((m) => m.memberId)).size).toBeGreaterThanOrEqual(r.minCount);
          for (const member of incident.members) {
            expect(member.at.getTime() - incident.windowStart.getTime()).toBeLessThanOrEqual(
              r.maxWindowMinutes * 60_000,
            );
            expect(member.at.getTime()).toBeGreaterThanOrEqual(incident.windowStart.getTime());
          }
        }
      }),
    );
  });
});

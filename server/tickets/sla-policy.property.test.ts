import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWithinBusinessHours } from "../lib/business-calendar.ts";
import {
  computeSlaDeadlines,
  slaStatus,
  targetMinutes,
  type PausedInterval,
  type SlaState,
} from "./sla-policy";
import { TOKYO } from "./test-calendars";
import { TICKET_PRIORITIES } from "./types";

const MINUTE_MS = 60_000;
const priority = fc.constantFrom(...TICKET_PRIORITIES);
const createdAt = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 1) });

const pauses = (created: number) =>
  fc
    .array(
      fc.record({ offset: fc.integer({ min: -600, max: 8000 }), length: fc.integer({ min: 0, max: 4000 }) }),
      { maxLength: 4 },
    )
    .map((list): PausedInterval[] =>
      list.map(({ offset, length }) => ({
        from: new Date(created + offset * MINUTE_MS),
        to: new Date(created + (offset + length) * MINUTE_MS),
      })),
    );

const state: fc.Arbitrary<SlaState> = fc.tuple(priority, createdAt).chain(([p, created]) =>
  pauses(created).map((intervals) => ({
    createdAt: new Date(created),
    priority: p,
    pausedIntervals: intervals,
    pausedAt: null,
    firstRespondedAt: null,
    resolvedAt: null,
  })),
);

const extraPause = fc.record({
  offset: fc.integer({ min: 0, max: 8000 }),
  length: fc.integer({ min: 1, max: 4000 }),
});

describe("SLA properties", () => {
  it("pausing never shortens a deadline", () => {
    fc.assert(
      fc.property(state, extraPause, (s, { offset, length }) => {
        const from = s.createdAt.getTime() + offset * MINUTE_MS;
        const more = {
          ...s,
          pausedIntervals: [
            ...s.pausedIntervals,
            { from: new Date(from), to: new Date(from + length * MINUTE_MS) },
          ],
        };
        const before = computeSlaDeadlines(s, TOKYO);
        const after = computeSlaDeadlines(more, TOKYO);
        expect(after.firstResponseDueAt.getTime()).toBeGreaterThanOrEqual(
          before.firstResponseDueAt.getTime(),
        );
        expect(after.resolutionDueAt.getTime()).toBeGreaterThanOrEqual(before.resolutionDueAt.getTime());
      }),
    );
  });

  it("a longer ongoing pause never brings the deadline earlier", () => {
    fc.assert(
      fc.property(state, extraPause, fc.integer({ min: 0, max: 5000 }), (s, { offset }, wait) => {
        const pausedAt = new Date(s.createdAt.getTime() + offset * MINUTE_MS);
        const paused = { ...s, pausedAt };
        const sooner = computeSlaDeadlines(paused, TOKYO, pausedAt);
        const later = computeSlaDeadlines(paused, TOKYO, new Date(pausedAt.getTime() + wait * MINUTE_MS));
        expect(later.resolutionDueAt.getTime()).toBeGreaterThanOrEqual(sooner.resolutionDueAt.getTime());
        expect(computeSlaDeadlines(paused, TOKYO)).toEqual(sooner);
      }),
    );
  });

  it("exactly the target's clock time has run at the deadline", () => {
    fc.assert(
      fc.property(state, (s) => {
        const { resolutionDueAt } = computeSlaDeadlines(s, TOKYO);
        const status = slaStatus(s, TOKYO, resolutionDueAt);
        expect(status.resolution.percentElapsed).toBeCloseTo(100, 6);
        expect(status.resolution.breached).toBe(false);
        expect(slaStatus(s, TOKYO, new Date(resolutionDueAt.getTime() + 1)).resolution.breached).toBe(true);
      }),
    );
  });

  it("the 24/7 clock is plain addition", () => {
    fc.assert(
      fc.property(fc.constantFrom("P1" as const, "P2" as const), createdAt, (p, created) => {
        const s: SlaState = {
          createdAt: new Date(created),
          priority: p,
          pausedIntervals: [],
          pausedAt: null,
          firstRespondedAt: null,
          resolvedAt: null,
        };
        const due = computeSlaDeadlines(s, TOKYO);
        const at = new Date(created);
        expect(due.firstResponseDueAt.getTime()).toBe(
          created + targetMinutes(p, "first_response", at, TOKYO) * MINUTE_MS,
        );
        expect(due.resolutionDueAt.getTime()).toBe(
          created + targetMinutes(p, "resolution", at, TOKYO) * MINUTE_MS,
        );
      }),
    );
  });

  it("P3 and P4 deadlines fall inside business hours or exactly at day end", () => {
    fc.assert(
      fc.property(state, (s) => {
        fc.pre(s.priority === "P3" || s.priority === "P4");
        for (const due of Object.values(computeSlaDeadlines(s, TOKYO))) {
          const inside =
            isWithinBusinessHours(due, TOKYO) || isWithinBusinessHours(new Date(due.getTime() - 1), TOKYO);
          expect(inside).toBe(true);
        }
      }),
    );
  });
});

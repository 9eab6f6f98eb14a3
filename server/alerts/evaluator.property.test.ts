import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConditionResult } from "./condition.ts";
import { evaluate, type AlertInstance } from "./evaluator.ts";
import { CITY_ID, T0, between, breach, clear, thresholdRule } from "./test-fixtures.ts";

const RESULTS: Record<"breach" | "clear" | "between", ConditionResult> = {
  breach: breach(50),
  clear: clear(40),
  between: between(),
};

// Irregular clocks on purpose: late, skipped and repeated evaluations must not let an alert fire early.
const stepsArb = fc.array(
  fc.record({
    gapSeconds: fc.integer({ min: 0, max: 900 }),
    result: fc.constantFrom<keyof typeof RESULTS>("breach", "clear", "between"),
  }),
  { maxLength: 150 },
);
const durationArb = fc.integer({ min: 0, max: 3600 });

describe("evaluate (property)", () => {
  it("fires only after `forSeconds` of continuous breach, and then always", () => {
    fc.assert(
      fc.property(durationArb, durationArb, stepsArb, (forSeconds, keepFiringForSeconds, steps) => {
        const rule = thresholdRule({ forSeconds, keepFiringForSeconds });
        let alert: AlertInstance | null = null;
        let nowMs = T0.getTime();
        let runStartMs: number | null = null;
        for (const { gapSeconds, result } of steps) {
          nowMs += gapSeconds * 1000;
          const breaching = result === "breach";
          runStartMs = breaching ? (runStartMs ?? nowMs) : null;
          const { next, transition } = evaluate(alert, RESULTS[result], rule, new Date(nowMs), CITY_ID);

          if (transition === "firing") {
            expect(runStartMs).not.toBeNull();
            expect(nowMs - (runStartMs ?? Infinity)).toBeGreaterThanOrEqual(forSeconds * 1000);
          }
          if (runStartMs !== null && nowMs - runStartMs >= forSeconds * 1000)
            expect(next?.state).toBe("firing");
          alert = next !== null && next.state !== "resolved" ? next : null;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("resolves only a firing alert, once recovered and keep_firing_for after its last breach", () => {
    fc.assert(
      fc.property(durationArb, durationArb, stepsArb, (forSeconds, keepFiringForSeconds, steps) => {
        const rule = thresholdRule({ forSeconds, keepFiringForSeconds });
        let alert: AlertInstance | null = null;
        let nowMs = T0.getTime();
        for (const { gapSeconds, result } of steps) {
          nowMs += gapSeconds * 1000;
          const evaluation = evaluate(alert, RESULTS[result], rule, new Date(nowMs), CITY_ID);
          if (evaluation.transition === "resolved") {
            expect(alert?.state).toBe("firing");
            expect(result).toBe("clear");
            const lastBreachMs = alert?.lastBreachAt?.getTime() ?? Infinity;
            expect(nowMs - lastBreachMs).toBeGreaterThanOrEqual(keepFiringForSeconds * 1000);
          }
          if (evaluation.transition === "pending_cancelled") expect(alert?.state).toBe("pending");
          // Without silences, a notification goes with every event and only with one.
          expect(evaluation.notify).toBe(evaluation.event !== null);
          expect(evaluation.event).toBe(
            evaluation.transition === "firing"
              ? "AlertTriggered"
              : evaluation.transition === "resolved"
                ? "AlertResolved"
                : null,
          );
          alert = evaluation.next !== null && evaluation.next.state !== "resolved" ? evaluation.next : null;
        }
      }),
      { numRuns: 500 },
    );
  });
});

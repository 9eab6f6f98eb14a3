import { describe, expect, it } from "vitest";
import {
  instantiatePlan,
  isPlanComplete,
  nextStep,
  responsePlanStepsSchema,
  tickStep,
  type InstanceStep,
  type TickResult,
} from "./response-plan.ts";
import { USER_ID, at } from "./test-fixtures.ts";

const COURIER_SHORTAGE = [
  { key: "raise_incentive", title: "Raise courier incentive", titleJa: "配達員インセンティブを引き上げる" },
  { key: "widen_radius", title: "Widen dispatch radius", titleJa: "配車範囲を広げる" },
  { key: "throttle_orders", title: "Throttle new orders", titleJa: "新規注文の受付を制限する" },
];

function ticked(result: TickResult): InstanceStep[] {
  if (!result.ok) throw new Error(result.reason);
  return result.steps;
}

describe("responsePlanStepsSchema", () => {
  it("accepts an ordered checklist", () => {
    expect(responsePlanStepsSchema.parse(COURIER_SHORTAGE)).toEqual(COURIER_SHORTAGE);
  });

  it("names the failing step and field", () => {
    const errors = (input: unknown) => {
      const result = responsePlanStepsSchema.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(errors([])).toEqual([": a response plan needs at least one step"]);
    expect(errors([...COURIER_SHORTAGE, { ...COURIER_SHORTAGE[0] }])).toEqual([
      '3.key: duplicate step key "raise_incentive"',
    ]);
    expect(errors([{ key: "Raise Incentive", title: " ", titleJa: "x" }])).toEqual([
      "0.key: key must be snake_case: lowercase letters, digits and _, starting with a letter",
      "0.title: title is required",
    ]);
    expect(errors([{ key: "a", title: "A" }])).toEqual(["0.titleJa: titleJa is required"]);
    expect(errors("steps")).toEqual([": steps must be a list of { key, title, titleJa }"]);
    expect(errors([{ key: "a", title: "A", titleJa: "あ", note: "x" }])).toEqual([
      '0: Unrecognized key: "note"',
    ]);
  });
});

describe("instantiatePlan", () => {
  it("numbers the steps from 1 in the starter's language", () => {
    expect(instantiatePlan(COURIER_SHORTAGE).map((s) => [s.position, s.key, s.title])).toEqual([
      [1, "raise_incentive", "Raise courier incentive"],
      [2, "widen_radius", "Widen dispatch radius"],
      [3, "throttle_orders", "Throttle new orders"],
    ]);
    expect(instantiatePlan(COURIER_SHORTAGE, "ja")[1]?.title).toBe("配車範囲を広げる");
    expect(instantiatePlan(COURIER_SHORTAGE).every((s) => s.doneAt === null && s.doneById === null)).toBe(
      true,
    );
  });
});

describe("tickStep", () => {
  const fresh = instantiatePlan(COURIER_SHORTAGE);

  it("ticks steps in order until the plan is complete", () => {
    const first = tickStep(fresh, 1, at(1), USER_ID);
    expect(first).toMatchObject({
      ok: true,
      complete: false,
      step: { position: 1, doneAt: at(1), doneById: USER_ID },
    });
    const two = ticked(tickStep(ticked(first), 2, at(2), USER_ID));
    expect(nextStep(two)?.key).toBe("throttle_orders");
    const last = tickStep(two, 3, at(3), USER_ID);
    expect(last).toMatchObject({ ok: true, complete: true });
    const all = ticked(last);
    expect(isPlanComplete(all)).toBe(true);
    expect(nextStep(all)).toBeNull();
    expect(all.map((s) => s.doneAt)).toEqual([at(1), at(2), at(3)]);
  });

  it("refuses to skip ahead, naming the step that comes first", () => {
    expect(tickStep(fresh, 3, at(1), USER_ID)).toEqual({
      ok: false,
      reason: "Step 1 (“Raise courier incentive”) comes first: response plan steps are done in order",
    });
  });

  it("refuses a step done already or not in the plan", () => {
    const one = ticked(tickStep(fresh, 1, at(1), USER_ID));
    expect(tickStep(one, 1, at(2), USER_ID)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already done/),
    });
    expect(tickStep(one, 9, at(2), USER_ID)).toEqual({
      ok: false,
      reason: "There is no step 9 in this plan",
    });
  });

  it("goes by position, whatever order the rows come in, and leaves the input untouched", () => {
    const shuffled = [fresh[2], fresh[0], fresh[1]].filter((s): s is InstanceStep => s !== undefined);
    const result = ticked(tickStep(shuffled, 1, at(1), USER_ID));
    expect(result.map((s) => s.position)).toEqual([1, 2, 3]);
    expect(shuffled.every((s) => s.doneAt === null)).toBe(true);
  });
});

describe("isPlanComplete", () => {
  it("needs every step done, and at least one step", () => {
    expect(isPlanComplete([])).toBe(false);
    expect(isPlanComplete(instantiatePlan(COURIER_SHORTAGE))).toBe(false);
  });
});

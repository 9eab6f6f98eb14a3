import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { MappingError } from "../mapping/normalised.ts";
import { busiestDayAround } from "./facts.ts";
import { classifyFailure, ProcessingFailure } from "./failure.ts";

describe("classifyFailure", () => {
  it.each([
    ["mapping", new MappingError("bad"), true],
    ["downstream", new AppError("BAD_REQUEST", "city: unknown"), true],
    ["downstream", new AppError("UNPROCESSABLE", "no"), true],
    ["downstream", new AppError("CONFLICT", "retry"), false],
    ["downstream", new AppError("TOO_MANY_REQUESTS", "later"), false],
    ["downstream", new AppError("INTERNAL", "oops"), false],
    ["downstream", new Error("connection reset"), false],
    ["routing", new Error("statement timeout"), false],
  ] as const)("%s: %s → permanent %s", (failureClass, cause, permanent) => {
    expect(classifyFailure(new ProcessingFailure(failureClass, cause))).toEqual({ failureClass, permanent });
  });
});

describe("busiestDayAround", () => {
  const h = (hours: number) => new Date(Date.UTC(2026, 2, 2) + hours * 3_600_000);
  it.each([
    [[0], 0, 1],
    [[0, 1, 2], 0, 3],
    // The earliest of three sees the two after it, whichever was processed last.
    [[0, 23, 23.5], 0, 3],
    [[0, 12, 25], 12, 2],
    [[0, 12, 25, 30], 25, 3],
    [[0, 30, 60], 30, 1],
  ])("times %j around %i h → %i", (hours, around, expected) => {
    expect(busiestDayAround(hours.map(h), h(around))).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { MappingError } from "../mapping/normalised.ts";
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

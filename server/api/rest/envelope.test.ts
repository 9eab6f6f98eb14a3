import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { errorEnvelope, errorEnvelopeSchema } from "./envelope.ts";

describe("errorEnvelope", () => {
  it("maps a ZodError to 400 with dotted issue paths", () => {
    const parsed = z
      .object({ points: z.array(z.object({ city: z.string() })) })
      .safeParse({ points: [{ city: 1 }] });
    const { status, body } = errorEnvelope(parsed.error!);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "BAD_REQUEST", issues: [{ path: "points.0.city" }] });
    expect(body.error.message).toMatch(/^points\.0\.city: /);
  });

  it("lifts an AppError's details.issues (array or dotted paths) into error.issues and keeps the rest", () => {
    const error = new AppError("BAD_REQUEST", "points.3.city: unknown city", {
      details: { issues: [{ path: ["points", 3, "city"], message: "unknown city" }], batch: 7 },
    });
    expect(errorEnvelope(error)).toEqual({
      status: 400,
      body: {
        error: {
          code: "BAD_REQUEST",
          message: "points.3.city: unknown city",
          issues: [{ path: "points.3.city", message: "unknown city" }],
          details: { batch: 7 },
        },
      },
    });
  });

  it("names details.field as an issue, and leaves other details where they are", () => {
    const notFound = errorEnvelope(
      new AppError("NOT_FOUND", "No risk case has this id.", { details: { field: "id" } }),
    );
    expect(notFound.body.error).toEqual({
      code: "NOT_FOUND",
      message: "No risk case has this id.",
      issues: [{ path: "id", message: "No risk case has this id." }],
    });
    const conflict = errorEnvelope(
      new AppError("CONFLICT", "Stale.", { details: { current: { version: 2 } } }),
    );
    expect(conflict).toEqual({
      status: 409,
      body: { error: { code: "CONFLICT", message: "Stale.", details: { current: { version: 2 } } } },
    });
    expect(errorEnvelope(new AppError("FORBIDDEN", "No.")).body).toEqual({
      error: { code: "FORBIDDEN", message: "No." },
    });
  });

  it("answers bodies that its own published schema accepts", () => {
    const odd = new AppError("CONFLICT", "Odd.", { details: { issues: "not a list", field: 3 } });
    const { body } = errorEnvelope(odd);
    expect(body.error.details).toEqual({ issues: "not a list", field: 3 });
    expect(errorEnvelopeSchema.parse(body)).toEqual(body);
    expect(
      errorEnvelopeSchema.parse(errorEnvelope(new AppError("CONFLICT", "x", { details: "text" })).body),
    ).toEqual({
      error: { code: "CONFLICT", message: "x", details: { value: "text" } },
    });
  });
});

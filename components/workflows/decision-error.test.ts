import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { decisionProblem } from "./decision-error";

const clientError = (message: string, data: unknown) =>
  Object.assign(new TRPCClientError(message), { data }) as TRPCClientError<never>;

describe("decisionProblem", () => {
  it("reads a compliance refusal's reason", () => {
    const error = clientError("The initiator of a workflow cannot decide its approvals.", {
      httpStatus: 422,
      details: { reason: "approver_is_initiator" },
    });
    expect(decisionProblem(error, "x")).toEqual({
      kind: "refused",
      reason: "approver_is_initiator",
      message: "The initiator of a workflow cannot decide its approvals.",
    });
  });

  it("reads a conflict with the current state", () => {
    const error = clientError("Someone else decided first", {
      httpStatus: 409,
      details: { current: { state: "completed", lockVersion: 4, steps: [] } },
    });
    expect(decisionProblem(error, "x")).toMatchObject({ kind: "conflict", currentState: "completed" });
  });

  it("hides a server failure's text and passes other refusals through", () => {
    expect(decisionProblem(clientError("at db.ts:1", { httpStatus: 500 }), "Try again")).toEqual({
      kind: "other",
      message: "Try again",
    });
    expect(decisionProblem(clientError("reason: too long", { httpStatus: 400 }), "x").message).toBe(
      "reason: too long",
    );
    expect(decisionProblem(new Error("network"), "Try again").message).toBe("Try again");
  });
});

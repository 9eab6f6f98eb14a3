import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { mutationErrorText } from "./mutation-error";

function refused(message: string, data: Record<string, unknown>) {
  return new TRPCClientError(message, { result: { error: { message, code: -32600, data } } });
}

describe("mutationErrorText", () => {
  it("lists a refused input's problems, each naming its field", () => {
    const error = refused('[{"code":"too_small"}]', {
      httpStatus: 400,
      zodError: {
        formErrors: [],
        fieldErrors: { name: ["name is required."], scopes: ["Too small: expected array to have >=1 items"] },
      },
      details: null,
    });
    expect(mutationErrorText(error, "fallback")).toBe(
      "name is required. scopes: Too small: expected array to have >=1 items",
    );
  });

  it("shows an AppError's message, which names its field in details", () => {
    const error = refused("No ticket has this id.", {
      httpStatus: 404,
      zodError: null,
      details: { field: "ticketId" },
    });
    expect(mutationErrorText(error, "fallback")).toBe("No ticket has this id.");
  });

  it("falls back for a server failure, a network failure or anything that is not a tRPC error", () => {
    const crashed = refused("Invalid `prisma.ticket.update()` invocation", {
      httpStatus: 500,
      zodError: null,
    });
    expect(mutationErrorText(crashed, "fallback")).toBe("fallback");
    expect(mutationErrorText(new TRPCClientError("Failed to fetch"), "fallback")).toBe("fallback");
    expect(mutationErrorText(new Error("boom"), "fallback")).toBe("fallback");
  });
});

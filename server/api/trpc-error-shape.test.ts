import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { logger } from "../lib/logger.ts";
import { publicProcedure, router, type Context } from "./trpc.ts";

// The error shape a browser sees: through the HTTP adapter, so the error formatter runs as in production.
const testRouter = router({
  create: publicProcedure
    .input(
      z.object({ name: z.string().min(3, "name must be at least 3 characters."), tags: z.array(z.string()) }),
    )
    .mutation(() => "created"),
  move: publicProcedure.mutation(() => {
    throw new AppError("BAD_REQUEST", "points.3.city: unknown city", {
      details: { issues: [{ path: ["points", 3, "city"], message: "unknown city" }] },
    });
  }),
  find: publicProcedure.mutation(() => {
    throw new AppError("NOT_FOUND", "No risk case has this id.", { details: { field: "id" } });
  }),
  broken: publicProcedure.output(z.object({ id: z.string() })).mutation(() => ({ id: 7 }) as never),
});

async function errorData(path: string, input: unknown) {
  const context: Context = { db: {} as Db, user: null, correlationId: "error-shape", log: logger.child({}) };
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    router: testRouter,
    createContext: () => context,
  });
  const body = (await response.json()) as { error: Parameters<typeof superjson.deserialize>[0] };
  const error = superjson.deserialize<{ data: Record<string, unknown> }>(body.error);
  return { status: response.status, data: error.data };
}

describe("tRPC error shape", () => {
  it("lists input errors as { path, message }, as the REST envelope does, and keeps zodError", async () => {
    const { status, data } = await errorData("create", { name: "ab", tags: [1] });
    expect(status).toBe(400);
    expect(data.issues).toEqual([
      { path: "name", message: "name must be at least 3 characters." },
      { path: "tags.0", message: expect.any(String) },
    ]);
    expect(data.zodError).toMatchObject({ fieldErrors: { name: ["name must be at least 3 characters."] } });
  });

  it("lifts an AppError's details.issues and details.field into issues", async () => {
    expect((await errorData("move", undefined)).data.issues).toEqual([
      { path: "points.3.city", message: "unknown city" },
    ]);
    const notFound = await errorData("find", undefined);
    expect(notFound.status).toBe(404);
    expect(notFound.data.issues).toEqual([{ path: "id", message: "No risk case has this id." }]);
  });

  it("keeps a failed output check's issues out of the 500", async () => {
    const { status, data } = await errorData("broken", undefined);
    expect(status).toBe(500);
    expect(data.issues).toBeNull();
  });
});

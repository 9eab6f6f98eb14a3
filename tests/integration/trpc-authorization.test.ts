import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { logger } from "../../server/lib/logger.ts";
import { createUser } from "../support/fixtures.ts";

const callerFor = (user: SessionUser | null) => {
  const ctx: Context = { db: getDb(), user, correlationId: "test-correlation", log: logger };
  return createCaller(ctx);
};

describe("tRPC authorization is deny-by-default", () => {
  it("refuses anonymous callers", async () => {
    await expect(callerFor(null).session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(null).audit.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a role without the permission", async () => {
    for (const role of ["support_agent", "risk_manager", "city_manager"] as const) {
      const user = await createUser([role]);
      await expect(callerFor(user).audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("lets an admin read the audit log, newest first, with keyset pagination", async () => {
    const admin = await createUser(["admin"]);
    const db = getDb();
    for (let i = 0; i < 3; i++) {
      await db.auditLog.create({
        data: {
          actorType: "system",
          action: "test.entry",
          entityType: "pagination-test",
          entityId: String(i),
          correlationId: "c",
          details: {},
        },
      });
    }
    const first = await callerFor(admin).audit.list({ entityType: "pagination-test", limit: 2 });
    expect(first.items.map((i) => i.entityId)).toEqual(["2", "1"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await callerFor(admin).audit.list({
      entityType: "pagination-test",
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((i) => i.entityId)).toEqual(["0"]);
    expect(second.nextCursor).toBeNull();
    const refetched = await callerFor(admin).audit.list({
      entityType: "pagination-test",
      limit: 2,
      cursor: null,
    });
    expect(refetched.items.map((i) => i.entityId)).toEqual(["2", "1"]);
  });

  it("answers malformed input with BAD_REQUEST naming the field", async () => {
    const admin = await createUser(["admin"]);
    const error = await callerFor(admin)
      .audit.list({ cursor: "abc" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/cursor/);
  });
});

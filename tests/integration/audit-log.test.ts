import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditEntries } from "../../server/audit/queries.ts";
import { getDb } from "../../server/db/client.ts";
import { createUser } from "../support/fixtures.ts";

describe("listAuditEntries", () => {
  it("names the users who acted, and leaves other actors unnamed", async () => {
    const db = getDb();
    const [alice, bob] = [await createUser(["admin"]), await createUser(["support_agent"])];
    const entityType = `actor-names-${randomUUID()}`;
    const actors: [string, string | null][] = [
      ["user", alice.id],
      ["user", bob.id],
      ["user", alice.id],
      ["user", "legacy-user-7"],
      ["user", randomUUID()],
      ["system", null],
      ["api_client", bob.id],
    ];
    for (const [actorType, actorId] of actors) {
      await db.auditLog.create({
        data: {
          actorType,
          actorId,
          action: "test.actor",
          entityType,
          entityId: "1",
          correlationId: "c",
          details: {},
        },
      });
    }

    const { items } = await listAuditEntries(db, { entityType, limit: 10 });
    expect(items.map((item) => item.actorName).reverse()).toEqual([
      alice.name,
      bob.name,
      alice.name,
      null,
      null,
      null,
      null,
    ]);
  });
});

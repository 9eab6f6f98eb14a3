import { describe, expect, it } from "vitest";
import { createPrismaClient, getDb } from "../../server/db/client.ts";
import { applyRetention } from "../../server/retention/service.ts";
import { archiveDirectory, buildRetentionWorld, retentionContext } from "../support/retention.ts";

// A comment written to a ticket while its chunk is being archived waits for the chunk (the root is locked FOR
// UPDATE, which its foreign-key check needs to share) and then fails on the removed ticket: it is refused, never
// deleted unarchived behind the writer's back.

describe("retention beside live writers", () => {
  it("holds back a new child of a root being archived until the chunk ends, then refuses it", async () => {
    const db = getDb();
    const world = await buildRetentionWorld();
    const [ticketId] = world.removed.tickets;
    const writer = createPrismaClient(process.env.DATABASE_URL!);
    let write: Promise<unknown> | null = null;
    let settledDuringChunk = false;
    try {
      await applyRetention(db, retentionContext(), {
        archiveDir: await archiveDirectory(),
        interrupt: {
          afterArchive: async ({ family }) => {
            if (family !== "tickets") return;
            write = writer.ticketComment.create({
              data: { ticketId: ticketId!, visibility: "internal", body: "late note" },
            });
            write.then(
              () => (settledDuringChunk = true),
              () => (settledDuringChunk = true),
            );
            await new Promise((resolve) => setTimeout(resolve, 500));
            expect(settledDuringChunk).toBe(false);
          },
        },
      });
      expect(write).not.toBeNull();
      await expect(write).rejects.toThrow(/foreign key|Foreign key/);
      expect(await db.ticketComment.count({ where: { ticketId } })).toBe(0);
    } finally {
      await writer.$disconnect();
    }
  });
});

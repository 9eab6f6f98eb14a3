import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "../../server/db/client.ts";
import { setDatabaseTimeZone } from "../support/databases.ts";

// The app's timestamp columns hold UTC wall times, and its SQL compares them with now() and stores now() plus a
// lease into them. On a database whose default zone is not UTC (an embedded server on a machine in Tokyo), every
// session the app opens must still run in UTC, or a future time reads as nine hours past.

const url = process.env.DATABASE_URL!;
let db: Db;

beforeAll(async () => {
  await setDatabaseTimeZone(url, "Asia/Tokyo");
  db = createPrismaClient(url);
});

afterAll(async () => {
  await db.$disconnect();
  await setDatabaseTimeZone(url, null);
});

describe("sessions on a database in another time zone", () => {
  it("compare a time Prisma stored with now() as the same instant, and store now() plus a lease as UTC", async () => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    // A dead row: no worker of the other test files will claim it.
    const row = await db.inboundEvent.create({
      data: {
        source: "consumer_experience",
        eventId: `tz-${randomUUID()}`,
        type: "OrderCancellationRequested",
        data: {},
        orderingKey: `order:tz-${randomUUID()}`,
        receivedVia: "test",
        status: "dead",
        availableAt: inAnHour,
      },
    });
    const [due] = await db.$queryRaw<{ due: boolean }[]>`
      SELECT "availableAt" <= now() AS due FROM "InboundEvent" WHERE seq = ${row.seq}`;
    expect(due!.due).toBe(false);

    await db.$executeRaw`
      UPDATE "InboundEvent" SET "availableAt" = now() + interval '1 minute' WHERE seq = ${row.seq}`;
    const leased = await db.inboundEvent.findUniqueOrThrow({ where: { seq: row.seq } });
    expect(Math.abs(leased.availableAt.getTime() - (Date.now() + 60_000))).toBeLessThan(10_000);
  });
});

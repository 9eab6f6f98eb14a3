import type { Queryable } from "../db/transaction.ts";

// The daily report e-mail's subscribers (ReportSubscription): one row per person who turned it on.

export async function isSubscribed(db: Queryable, userId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ one: number }[]>`
    SELECT 1 AS one FROM "ReportSubscription" WHERE "userId" = ${userId}::uuid`;
  return rows.length > 0;
}

export async function setSubscribed(db: Queryable, userId: string, subscribed: boolean): Promise<void> {
  if (subscribed) {
    await db.$executeRaw`
      INSERT INTO "ReportSubscription" ("userId") VALUES (${userId}::uuid) ON CONFLICT ("userId") DO NOTHING`;
  } else {
    await db.$executeRaw`DELETE FROM "ReportSubscription" WHERE "userId" = ${userId}::uuid`;
  }
}

export interface Subscriber {
  id: string;
  roles: string[];
  permissions: string[];
  locale: string;
}

/** Subscribers whose account is active, with what decides which reports they may read. */
export function activeSubscribers(db: Queryable): Promise<Subscriber[]> {
  return db.$queryRaw<Subscriber[]>`
    SELECT u.id::text AS id, u.roles::text[] AS roles, u.permissions, u.locale
      FROM "ReportSubscription" s JOIN "User" u ON u.id = s."userId"
     WHERE u."disabledAt" IS NULL
     ORDER BY u.id`;
}

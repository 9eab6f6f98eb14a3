import type { Queryable, Tx } from "../db/transaction.ts";

// The bell: a user's in-app notifications (the Notification rows the outbox delivered). Every query is scoped to
// one user id, so nobody reads or marks another person's rows.

const INBOX_FIELDS = {
  id: true,
  objectType: true,
  objectId: true,
  title: true,
  path: true,
  severity: true,
  readAt: true,
  createdAt: true,
} as const;

/** Newest first. */
export const listInbox = (db: Queryable, userId: string, limit: number) =>
  db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: INBOX_FIELDS,
  });

export const countUnread = (db: Queryable, userId: string) =>
  db.notification.count({ where: { userId, readAt: null } });

/** Marks the user's own unread rows among `ids` (or all of them); a row read before keeps its first readAt. */
export async function markInboxRead(tx: Tx, userId: string, ids: readonly string[] | "all", at: Date) {
  const { count } = await tx.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: at },
  });
  return count;
}

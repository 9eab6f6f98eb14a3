import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { InboxView, MarkReadInput } from "./contract.ts";
import { countUnread, listInbox, markInboxRead } from "./inbox-repository.ts";

// The bell's use cases: a person's own notifications, their unread count, marking them read. Reading one's own
// notification is personal state, not an operational change: it is neither an event nor audited.

function inboxOwner(context: ServiceContext): string {
  requirePermission(context, "notifications:read");
  const user = actingUser(context);
  if (!user) throw new AppError("FORBIDDEN", "Only a person has in-app notifications.");
  return user.id;
}

export async function myNotifications(
  db: Db,
  context: ServiceContext,
  input: { limit: number },
): Promise<InboxView> {
  const userId = inboxOwner(context);
  const [items, unread] = await Promise.all([listInbox(db, userId, input.limit), countUnread(db, userId)]);
  return { unread, items };
}

export async function myUnreadCount(db: Db, context: ServiceContext): Promise<number> {
  return countUnread(db, inboxOwner(context));
}

/** Idempotent: marking a read (or someone else's, or unknown) notification changes nothing. */
export async function markNotificationsRead(db: Db, context: ServiceContext, input: MarkReadInput) {
  const userId = inboxOwner(context);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const marked = await markInboxRead(tx, userId, "all" in input ? "all" : input.ids, now);
    return { marked, unread: await countUnread(tx, userId) };
  });
}

import type { Tx } from "../db/transaction.ts";

// What applying an incident's ticket batch reads besides the tickets themselves: row locks, in id order so two
// batches sharing tickets (one ticket in two incidents) never deadlock, and which tickets this very event has
// changed already (a redelivery after a crash between commit and acknowledgement).

export async function lockTicketsInOrder(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.$queryRaw`
    SELECT id FROM "Ticket" WHERE id = ANY(${[...ids]}::uuid[]) ORDER BY id FOR UPDATE`;
}

export async function ticketsChangedBy(tx: Tx, ids: readonly string[], eventId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.domainEvent.findMany({
    where: { aggregateType: "ticket", aggregateId: { in: [...ids] }, causationId: eventId },
    select: { aggregateId: true },
    distinct: ["aggregateId"],
  });
  return rows.map((row) => row.aggregateId);
}

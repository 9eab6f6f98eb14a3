import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { QueueCursor } from "../../server/tickets/cursor.ts";
import { countsFor, type StatusCount } from "../../server/tickets/queue-counts.ts";
import { scannedCountsSql } from "../../server/tickets/queue-counts-repository.ts";
import {
  queuePageSql,
  queueWhere,
  searchHitsSql,
  type QueueRow,
} from "../../server/tickets/queue-repository.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { TICKET_STATUSES, type TicketStatus } from "../../server/tickets/types.ts";
import { freshAgents, newTicket, contextFor } from "../support/tickets.ts";

const db = getDb();

// A search runs one of two ways: a rare one as the ids its GIN look-up found (searchHitsSql), a common one as
// walks of the deadline indexes with a per-ticket check. Both must give the very same pages and summary.
describe("ticket search: looked-up ids and walks agree", () => {
  let tag: string;
  const ids: Record<string, string> = {};
  const now = new Date();

  beforeAll(async () => {
    await freshAgents("consumer", 2, 500);
    tag = `p${randomUUID().slice(0, 6)}`;
    const statuses: TicketStatus[] = ["new", "open", "pending", "resolved", "new", "open", "resolved"];
    for (const [i, status] of statuses.entries()) {
      const ticket = await newTicket({
        subject: `${tag} 配達遅延 ${i}`,
        description: i % 2 === 0 ? "Refund for a cold meal" : "注文が届きません",
        priority: (["P1", "P2", "P3", "P4"] as const)[i % 4],
      });
      ids[i] = ticket.id;
      if (status !== "new") {
        const change = { id: ticket.id, version: ticket.version, change: { status } };
        await changeTicket(db, contextFor(null, now), change);
      }
    }
  });

  const where = (q: string, status?: TicketStatus[]) =>
    queueWhere({ all: true }, { q, status, assignee: "any" }, now);

  /** Every id the search matches, straight from the search table. */
  async function allHits(q: string): Promise<string[]> {
    const search = where(q).search;
    if (search === null) throw new Error("no search");
    const rows = await db.$queryRaw<
      { id: string }[]
    >`SELECT s."ticketId" AS id FROM "TicketSearch" s WHERE ${search}`;
    return rows.map((r) => r.id).sort();
  }

  async function pages(q: string, hits: readonly string[] | null, size: number): Promise<string[][]> {
    const result: string[][] = [];
    let after: QueueCursor | null = null;
    for (;;) {
      const rows: QueueRow[] = await db.$queryRaw<QueueRow[]>(queuePageSql(where(q), after, size + 1, hits));
      const page = rows.slice(0, size);
      result.push(page.map((r) => r.id));
      const last = page.at(-1);
      if (rows.length <= size || !last) return result;
      after = { dueAt: last.slaDueAt, id: last.id };
    }
  }

  const summary = async (q: string, hits: readonly string[] | null, statuses?: TicketStatus[]) =>
    countsFor(
      statuses ?? TICKET_STATUSES,
      await db.$queryRaw<StatusCount[]>(scannedCountsSql(where(q, statuses), now, hits)),
    );

  it("looks a rare search up in the index, or leaves it to the walks", async () => {
    const expected = Object.values(ids).sort();
    expect(await allHits(tag)).toEqual(expected);
    const [row] = await db.$queryRaw<{ hits: string[] | null }[]>(searchHitsSql(where(tag).search!));
    // Null when the sample of the search table already holds more than a few matches.
    if (row?.hits !== null) expect([...(row?.hits ?? [])].sort()).toEqual(expected);
  });

  it("pages the same way, across the dated and the undated tickets", async () => {
    for (const q of [tag, `${tag} refund`, `${tag} 配達`, `${tag} 届き`, `${tag} nothing-like-this`]) {
      const hits = await allHits(q);
      const walked = await pages(q, null, 2);
      expect(await pages(q, hits, 2)).toEqual(walked);
      expect(walked.flat().sort()).toEqual(hits);
    }
    expect((await pages(tag, await allHits(tag), 2)).flat()).toHaveLength(7);
  });

  it("counts the same per status, exactly", async () => {
    for (const q of [tag, `${tag} refund`, `${tag} nothing-like-this`]) {
      const hits = await allHits(q);
      const counted = await summary(q, null);
      expect(await summary(q, hits)).toEqual(counted);
      expect(counted.reduce((n, row) => n + row.total, 0)).toBe(hits.length);
      const some: TicketStatus[] = ["open", "new"];
      expect(await summary(q, hits, some)).toEqual(await summary(q, null, some));
    }
    expect(await summary(tag, await allHits(tag))).toEqual([
      { status: "new", total: 2, breached: 0 },
      { status: "open", total: 2, breached: 0 },
      { status: "pending", total: 1, breached: 0 },
      { status: "resolved", total: 2, breached: 0 },
      { status: "closed", total: 0, breached: 0 },
    ]);
  });
});

import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { freshAgents, newTicket, teamMember, contextFor, trpcFor } from "../support/tickets.ts";

const db = getDb();

describe("ticket search", () => {
  let admin: SessionUser;
  let tag: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await freshAgents("consumer", 2, 500);
    admin = await teamMember("consumer", ["admin"]);
    // A tag unique to this run keeps other tests' tickets out of the results.
    tag = `t${randomUUID().slice(0, 6)}`;
    ids.delay = (
      await newTicket({
        subject: `${tag} 配達遅延が発生しました`,
        description: "注文から90分経っても届かない",
      })
    ).id;
    ids.refund = (
      await newTicket({
        subject: `${tag} Refund request`,
        description: "The customer wants a REFUND for a cold pizza.",
        language: "en",
      })
    ).id;
    ids.wide = (await newTicket({ subject: `${tag} ＰＩＺＺＡ全角`, description: "ﾃｽﾄ half-width kana" })).id;
    const commented = await newTicket({ subject: `${tag} 問い合わせ`, description: "詳細なし" });
    ids.commented = commented.id;
    await changeTicket(db, contextFor(null), {
      id: commented.id,
      version: 1,
      change: {},
      comment: { body: "クーポンを発行しました", visibility: "internal" },
    });
  });

  const search = async (q: string) =>
    (await trpcFor(admin).tickets.queue({ q: `${tag} ${q}`, limit: 50 })).items.map((i) => i.id).sort();

  it("finds a 2-character Japanese word inside a longer one (配達 in 配達遅延)", async () => {
    expect(await search("配達")).toEqual([ids.delay]);
    expect(await search("遅延")).toEqual([ids.delay]);
    expect(await search("配達遅延")).toEqual([ids.delay]);
  });

  it("finds English words case-insensitively in subject and description", async () => {
    expect(await search("refund")).toEqual([ids.refund]);
    expect(await search("PIZZA")).toEqual([ids.refund, ids.wide].sort());
    expect(await search("cold pizza")).toEqual([ids.refund]);
  });

  it("folds full-width and half-width forms (NFKC)", async () => {
    expect(await search("pizza全角")).toEqual([ids.wide]);
    expect(await search("テスト")).toEqual([ids.wide]);
  });

  it("searches comment bodies", async () => {
    expect(await search("クーポン")).toEqual([ids.commented]);
  });

  it("treats LIKE wildcards as plain characters", async () => {
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
  });

  it("fills the search columns in the database for any writer", async () => {
    const row = await db.ticketSearch.findUniqueOrThrow({ where: { ticketId: ids.delay } });
    expect(row.text).toContain("配達遅延");
    expect(row.bigrams).toEqual(expect.arrayContaining(["配達", "達遅", "遅延"]));
    const commented = await db.ticketSearch.findUniqueOrThrow({ where: { ticketId: ids.commented } });
    expect(commented.text).toContain("クーポンを発行しました");
    expect(commented.bigrams).toEqual(expect.arrayContaining(["クー", "発行"]));
  });
});

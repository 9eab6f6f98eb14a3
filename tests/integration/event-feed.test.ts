import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as feedRoute } from "../../app/api/operations/events/route.ts";
import { getDb } from "../../server/db/client.ts";
import { recordEvents } from "../../server/events/record.ts";
import { outboundEvent, type FeedPage, type OutboundEvent } from "../../server/hub/feed/contract.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { createApiClient } from "../support/fixtures.ts";

// The outbound feed: the console's domain events as CloudEvents, resumable, and never stepping past an event
// whose transaction has yet to commit.

const db = getDb();
let reader: string;
const clients: pg.Client[] = [];

beforeAll(async () => {
  const client = await createApiClient(["events:read"]);
  reader = (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end()));
});

async function readFeed(query: string, token: string | null = reader) {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  const response = await feedRoute(
    new Request(`http://localhost/api/operations/events?${query}`, { headers }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function page(after: string, limit = 1000): Promise<FeedPage> {
  const { status, body } = await readFeed(new URLSearchParams({ after, limit: String(limit) }).toString());
  expect(status, JSON.stringify(body)).toBe(200);
  return body as FeedPage;
}

/** The cursor after every event recorded so far. */
async function endOfFeed(): Promise<string> {
  let { next, events } = (await readFeed("limit=1000")).body as FeedPage;
  while (events.length > 0) ({ next, events } = await page(next));
  return next;
}

/**
 * How long a read waits for its events. A write transaction anywhere on the server, other tests' databases
 * included, holds the feed back until it ends, and the seed test's runs for most of a minute.
 */
const FEED_WAIT_MS = 100_000;

/**
 * Reads from `after` until the events about `aggregateIds` number `count`, polling. Also answers `beforeFirst`,
 * the cursor just before the first of them: everything the feed served before it had settled, so a read with
 * a smaller limit from the same cursor ends exactly there.
 */
async function readUntil(after: string, aggregateIds: string[], count: number) {
  const ours = (event: OutboundEvent) => aggregateIds.some((id) => event.subject === `feedprobe/${id}`);
  const served: OutboundEvent[] = [];
  let cursor = after;
  let beforeFirst: string | null = null;
  const deadline = Date.now() + FEED_WAIT_MS;
  while (served.length < count) {
    if (Date.now() > deadline)
      throw new Error(`only ${served.length} of ${count} events within ${FEED_WAIT_MS / 1000} s`);
    const { events, next } = await page(cursor);
    const firstOurs = events.findIndex(ours);
    if (beforeFirst === null && firstOurs >= 0)
      beforeFirst = firstOurs === 0 ? cursor : (await page(cursor, firstOurs)).next;
    served.push(...events.filter(ours));
    cursor = next;
    if (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { served, cursor, beforeFirst: beforeFirst ?? after };
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  clients.push(client);
  return client;
}

/** Inserts one event in the client's open transaction, as the recorder does; returns its seq. */
async function insertEvent(client: pg.Client, aggregateId: string): Promise<bigint> {
  const { rows } = await client.query<{ seq: string }>(
    `INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "correlationId")
     VALUES ($1, 'FeedProbe', 'feedprobe', $2, '{}', 'system', 'feed-test') RETURNING seq`,
    [randomUUID(), aggregateId],
  );
  return BigInt(rows[0]!.seq);
}

describe("GET /api/operations/events", { timeout: FEED_WAIT_MS + 20_000 }, () => {
  it("serves recorded events as CloudEvents in order and resumes from next without repeats", async () => {
    const start = await endOfFeed();
    const aggregateId = randomUUID();
    await db.$transaction((tx) =>
      recordEvents(
        tx,
        systemContext("feed-test"),
        [1, 2, 3].map((n) => ({
          type: "TicketCommented" as const,
          aggregateType: "feedprobe",
          aggregateId,
          payload: { n },
        })),
      ),
    );
    const { served, beforeFirst } = await readUntil(start, [aggregateId], 3);
    for (const event of served) expect(outboundEvent.safeParse(event).success).toBe(true);
    expect(served.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(served[0]).toMatchObject({
      specversion: "1.0",
      source: "ops-console",
      type: "TicketCommented",
      subject: `feedprobe/${aggregateId}`,
      datacontenttype: "application/json",
    });
    const sequences = served.map((event) => event.sequence);
    expect([...sequences].sort()).toEqual(sequences);

    // Two events a page: the pages join up without a gap or a repeat. Other tests' events may be among them
    // (a transaction elsewhere on the server can hold some back past `start`), so ours are picked out. The walk
    // starts just before ours: two at a time from `start` it could run past the client's rate limit.
    const ours = (event: OutboundEvent) => event.subject === `feedprobe/${aggregateId}`;
    const paged: OutboundEvent[] = [];
    for (let cursor = beforeFirst; paged.filter(ours).length < served.length;) {
      const next = await page(cursor, 2);
      expect(next.events.length).toBeGreaterThan(0);
      paged.push(...next.events);
      cursor = next.next;
    }
    expect(paged.filter(ours).map((event) => event.id)).toEqual(served.map((event) => event.id));
    expect(new Set(paged.map((event) => event.id)).size).toBe(paged.length);
    const end = await endOfFeed();
    const after = await page(end);
    expect(after.events.filter(ours)).toEqual([]);
    if (after.events.length === 0) expect(after.next).toBe(end);
  });

  it("waits for a transaction holding a lower seq, then serves both in seq order", async () => {
    const start = await endOfFeed();
    const [early, late] = [await connect(), await connect()];
    const [earlyId, lateId] = [randomUUID(), randomUUID()];

    await early.query("BEGIN");
    const earlySeq = await insertEvent(early, earlyId);
    await late.query("BEGIN");
    const lateSeq = await insertEvent(late, lateId);
    await late.query("COMMIT");
    expect(lateSeq).toBeGreaterThan(earlySeq);

    // The later event is committed and visible, but a reader served it now would pass the lower seq for good.
    const visible = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "DomainEvent" WHERE "aggregateId" = ${lateId}`;
    expect(visible[0]!.n).toBe(1n);
    const meanwhile = await page(start);
    expect(meanwhile.events.filter((event) => event.subject.startsWith("feedprobe/"))).toEqual([]);
    expect(meanwhile.next).toBe(start);

    await early.query("COMMIT");
    const { served } = await readUntil(start, [earlyId, lateId], 2);
    expect(served.map((event) => event.subject)).toEqual([`feedprobe/${earlyId}`, `feedprobe/${lateId}`]);
    expect(served.map((event) => BigInt(event.sequence))).toEqual([earlySeq, lateSeq]);
  });

  it("still serves a lower seq that commits after the cursor has passed a higher one", async () => {
    // The transaction that writes first (lower txid) takes its event's seq last: a `seq > cursor` feed would
    // serve seq N+1, move its cursor past N, and never see N.
    const start = await endOfFeed();
    const [older, younger] = [await connect(), await connect()];
    const [olderId, youngerId] = [randomUUID(), randomUUID()];

    await older.query("BEGIN");
    await older.query("SELECT pg_current_xact_id()");
    await younger.query("BEGIN");
    const youngerSeq = await insertEvent(younger, youngerId);
    const olderSeq = await insertEvent(older, olderId);
    await older.query("COMMIT");
    expect(olderSeq).toBeGreaterThan(youngerSeq);

    const first = await readUntil(start, [olderId], 1);
    expect(first.served.map((event) => BigInt(event.sequence))).toEqual([olderSeq]);

    await younger.query("COMMIT");
    const second = await readUntil(first.cursor, [youngerId], 1);
    expect(second.served.map((event) => BigInt(event.sequence))).toEqual([youngerSeq]);
  });

  it("answers 401 without a token, 403 without events:read and 400 naming a bad cursor or limit", async () => {
    expect((await readFeed("", null)).status).toBe(401);
    const writer = await createApiClient(["events:write"]);
    const writerToken = (await issueClientCredentialsToken(db, { ...writer, scope: null })).access_token;
    expect((await readFeed("", writerToken)).status).toBe(403);

    const badCursor = await readFeed("after=not-a-cursor");
    expect(badCursor.status).toBe(400);
    expect(JSON.stringify(badCursor.body)).toContain('"path":"after"');
    const badLimit = await readFeed("limit=0");
    expect(badLimit.status).toBe(400);
    expect(JSON.stringify(badLimit.body)).toContain('"path":"limit"');
  });
});

import type pg from "pg";
import { TEAMS } from "../server/seed/reference.ts";

// Synthetic data for the ticket benchmark, loaded set-based (generate_series) with the secondary indexes
// built afterwards, which is several times faster than maintaining them row by row.

const AGENTS_PER_TEAM = 20;
const CHUNK = 100_000;

// Subjects and descriptions: "配達" and "refund" are common on purpose (a search must cope with many
// matches); "店舗<n>" and "order-<n>" are rare, like a restaurant name or an order reference.
const SUBJECTS = [
  "配達遅延が発生しました",
  "注文の商品が足りません",
  "返金をお願いします",
  "アカウントにログインできません",
  "配達員の対応について",
  "Refund request for a cold meal",
  "Missing item in my order",
  "Courier payout is late",
  "Menu update for our restaurant",
  "Payment failed twice",
];

export interface Reference {
  teamIds: string[];
  agentIds: string[][];
  cityIds: string[];
}

export async function loadReference(db: pg.ClientBase): Promise<Reference> {
  const {
    rows: [calendar],
  } = await db.query<{ id: string }>(
    `INSERT INTO "BusinessCalendar" (id, name, timezone, "dayStartMin", "dayEndMin", "workDays")
     VALUES (gen_random_uuid(), 'bench', 'Asia/Tokyo', 540, 1080, '{1,2,3,4,5}') RETURNING id`,
  );
  const teamIds: string[] = [];
  const agentIds: string[][] = [];
  for (const team of TEAMS) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "Team" (id, key, name, "nameJa", "calendarId") VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [team.key, team.name, team.nameJa, calendar?.id],
    );
    const teamId = rows[0]?.id ?? "";
    teamIds.push(teamId);
    const agents = await db.query<{ id: string }>(
      `INSERT INTO "User" (id, email, name, "passwordHash", roles, "teamId", "updatedAt")
       SELECT gen_random_uuid(), $1 || '-' || n || '@bench.test', 'Agent ' || $1 || ' ' || n, 'x', '{support_agent}', $2, now()
         FROM generate_series(1, $3::int) n RETURNING id`,
      [team.key, teamId, AGENTS_PER_TEAM],
    );
    agentIds.push(agents.rows.map((r) => r.id));
    await db.query(
      `INSERT INTO "AgentProfile" ("userId", skills, languages, capacity, "shiftStartMin", "shiftEndMin", "workDays")
       SELECT unnest($1::uuid[]), $2::"TicketCategory"[], '{ja,en}', 1000000, 0, 1440, '{1,2,3,4,5,6,7}'`,
      [agents.rows.map((r) => r.id), team.categories],
    );
  }
  const cities = await db.query<{ id: string }>(
    `INSERT INTO "City" (id, code, name, "nameJa", latitude, longitude)
     SELECT gen_random_uuid(), 'C' || n, 'City ' || n, '都市' || n, 35, 139 FROM generate_series(1, 6) n RETURNING id`,
  );
  return { teamIds, agentIds, cityIds: cities.rows.map((r) => r.id) };
}

interface IndexDef {
  name: string;
  definition: string;
}

/** Drops the secondary indexes of Ticket, TicketSearch and TicketSlaCheck (not primary keys or unique constraints); returns them. */
export async function dropTicketIndexes(db: pg.ClientBase): Promise<IndexDef[]> {
  const { rows } = await db.query<IndexDef>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.tablename IN ('Ticket', 'TicketSearch', 'TicketSlaCheck') AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        AND i.indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const index of rows) await db.query(`DROP INDEX "${index.name}"`);
  return rows;
}

export async function createIndexes(db: pg.ClientBase, indexes: readonly IndexDef[]): Promise<void> {
  await db.query(`SET maintenance_work_mem = '512MB'`);
  for (const index of indexes) await db.query(index.definition);
}

/**
 * `count` open tickets (new 25 %, open 60 %, pending 15 %) created over the last 30 days, 60 % consumer team;
 * every running deadline lies in the next 30 days, so nothing is due until the sweep benchmark makes it so.
 */
export async function loadTickets(
  db: pg.ClientBase,
  ref: Reference,
  count: number,
  now: Date,
  progress: (done: number) => void,
): Promise<void> {
  const categories = TEAMS.map((team) => team.categories);
  // Bulk-load mode: no triggers (foreign keys hold by construction; the search rows are written here).
  await db.query(`SET session_replication_role = replica`);
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await db.query(
      `WITH g AS (
         SELECT n, random() AS r_team, random() AS r_status, random() AS r_pri, random() AS r_due, random() AS r_age,
                random() AS r_asg, random() AS r_city, (random() * 1000000)::int AS word
           FROM generate_series($1::int, $2::int) n
       ), shaped AS (
         SELECT g.*, CASE WHEN r_team < 0.6 THEN 1 WHEN r_team < 0.8 THEN 2 ELSE 3 END AS team,
                CASE WHEN r_status < 0.25 THEN 'new' WHEN r_status < 0.85 THEN 'open' ELSE 'pending' END AS status,
                $3::timestamptz - r_age * interval '30 days' AS created,
                $3::timestamptz + interval '1 minute' + r_due * interval '30 days' AS due
           FROM g
       ), templates AS (
         -- The CJK bigrams of a row depend only on its subject template: compute them once per template.
         SELECT k, ticket_search_bigrams(ticket_search_normalize(t || E' 店舗\nお客様より連絡がありました。')) AS bigrams
           FROM unnest($4::text[]) WITH ORDINALITY AS u(t, k)
       ), tickets AS (
       INSERT INTO "Ticket" (id, number, subject, description, status, priority, category, source, language, "cityId",
                             "teamId", "assigneeId", "requesterName", version, "firstResponseDueAt", "resolutionDueAt",
                             "slaDueAt", "slaPausedAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), n,
              ($4::text[])[1 + n % array_length($4::text[], 1)] || ' 店舗' || word,
              'order-' || word || ' お客様より連絡がありました。 The customer wrote in about order ' || (n::bigint * 7919 % 1000003),
              s.status::"TicketStatus",
              (CASE WHEN r_pri < 0.03 THEN 'P1' WHEN r_pri < 0.18 THEN 'P2' WHEN r_pri < 0.7 THEN 'P3' ELSE 'P4' END)::"TicketPriority",
              ($5::text[])[team][1 + n % 2]::"TicketCategory",
              (ARRAY['consumer', 'restaurant', 'courier'])[team]::"TicketSource",
              CASE WHEN n % 5 = 0 THEN 'en' ELSE 'ja' END,
              CASE WHEN r_city < 0.9 THEN ($9::uuid[])[1 + n % 6] END,
              ($6::uuid[])[team],
              CASE WHEN r_asg < 0.9 THEN ($7::uuid[])[team][1 + n % $8::int] END,
              'Requester ' || n, 1,
              s.due, s.due + interval '1 day', s.due,
              CASE WHEN s.status = 'pending' THEN $3::timestamptz - r_age * interval '1 hour' END,
              s.created, s.created
         FROM shaped s
       RETURNING id, number, subject, description, "slaDueAt", "slaPausedAt"
       ), checks AS (
         INSERT INTO "TicketSlaCheck" ("ticketId", "dueAt") SELECT id, "slaDueAt" FROM tickets WHERE "slaPausedAt" IS NULL
       )
       INSERT INTO "TicketSearch" ("ticketId", "text", "bigrams")
       SELECT t.id, ticket_search_normalize(t.subject || E'\n' || t.description), c.bigrams
         FROM tickets t JOIN templates c ON c.k = 1 + t.number % array_length($4::text[], 1)`,
      [
        from,
        to,
        now,
        SUBJECTS,
        `{${categories.map((c) => `{${c.slice(0, 2).join(",")}}`).join(",")}}`,
        ref.teamIds,
        `{${ref.agentIds.map((ids) => `{${ids.join(",")}}`).join(",")}}`,
        AGENTS_PER_TEAM,
        ref.cityIds,
      ],
    );
    progress(to);
  }
  await db.query(`SET session_replication_role = origin`);
  await db.query(`SELECT setval(pg_get_serial_sequence('"Ticket"', 'number'), $1::int)`, [count]);
  const { rows } = await db.query<{ wrong: number }>(
    `SELECT count(*) FILTER (WHERE "bigrams" IS DISTINCT FROM ticket_search_bigrams("text"))::int AS wrong
       FROM "TicketSearch" TABLESAMPLE SYSTEM (1)`,
  );
  if (rows[0]?.wrong !== 0)
    throw new Error(`${rows[0]?.wrong} search rows differ from what the triggers would write`);
}

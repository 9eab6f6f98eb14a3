import type { ClientBase } from "pg";
import type { TicketCategory, TicketPriority } from "../db/generated/enums.ts";
import type { People } from "./people.ts";
import type { Rng } from "./random.ts";
import type { TeamKey } from "./reference.ts";
import { insertRows, type Row } from "./sql.ts";
import { COMMENT_TEXTS } from "./ticket-texts.ts";
import type { TicketTimes } from "./ticket-timeline.ts";

export interface SeededTicket {
  id: string;
  createdAt: number;
  category: TicketCategory;
  teamKey: TeamKey;
  assigneeId: string | null;
  language: string;
  /** The priority it came in with; `times.priority` is today's, raised by a resolution breach. */
  createdPriority: TicketPriority;
  times: TicketTimes;
}

const COMMENTED_SHARE = 0.17;

/**
 * Every answered ticket's public first answer (the reply that stopped its first-response clock), and on a share of
 * them internal notes and a closing reply.
 */
export async function seedTicketActivity(
  db: ClientBase,
  rng: Rng,
  tickets: readonly SeededTicket[],
  people: People,
): Promise<void> {
  const rows: Row[] = [];
  const add = (
    ticketId: string,
    authorId: string,
    visibility: "public" | "internal",
    body: string,
    at: Date,
  ) => rows.push({ id: rng.uuid7(at), ticketId, authorId, visibility, body, createdAt: at });

  for (const ticket of tickets) {
    const { firstRespondedAt, resolvedAt, updatedAt } = ticket.times;
    if (!firstRespondedAt) continue;
    const team = people.agents.filter((a) => a.teamKey === ticket.teamKey);
    const author = ticket.assigneeId ?? rng.pick(team).id;
    const publicTexts = ticket.language === "ja" ? COMMENT_TEXTS.publicJa : COMMENT_TEXTS.publicEn;
    add(ticket.id, author, "public", rng.pick(publicTexts.slice(0, 2)), firstRespondedAt);
    if (!rng.chance(COMMENTED_SHARE)) continue;
    if (rng.chance(0.55)) {
      const end = (resolvedAt ?? updatedAt).getTime();
      const start = firstRespondedAt.getTime();
      add(
        ticket.id,
        author,
        "internal",
        rng.pick(COMMENT_TEXTS.internal),
        new Date(start + (end - start) * rng.next()),
      );
    }
    if (resolvedAt && rng.chance(0.6)) add(ticket.id, author, "public", publicTexts[2], resolvedAt);
  }
  await insertRows(db, "TicketComment", rows);
}

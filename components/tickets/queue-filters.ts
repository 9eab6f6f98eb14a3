import {
  createLoader,
  createParser,
  parseAsArrayOf,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import { isUuid } from "@/server/lib/ids";
import { queueFilter } from "@/server/tickets/contract";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/server/tickets/types";
import type { QueueInput, SavedQuery } from "./types";

// The queue's filters live in the URL (shareable, survive reloads, back/forward). Shared by the page (server)
// and the queue (client). A value the queue cannot use counts as "no filter" rather than an error page.

export const SLA_FILTERS = queueFilter.shape.sla.unwrap().options;
export const SEARCH_MIN = 2;
export const SEARCH_MAX = 200;
const QUEUE_PAGE_SIZE = 50;

const parseAsUuid = createParser({
  parse: (value) => (isUuid(value) ? value.toLowerCase() : null),
  serialize: (value: string) => value,
});

/** "me", "unassigned" or an agent's id; "anyone" is the absence of the parameter. */
const parseAsAssignee = createParser({
  parse: (value) => (value === "me" || value === "unassigned" || isUuid(value) ? value : null),
  serialize: (value: string) => value,
});

const parseAsSearch = createParser({
  parse: (value) => {
    const text = value.trim();
    return text.length >= SEARCH_MIN && text.length <= SEARCH_MAX ? text : null;
  },
  serialize: (value: string) => value,
});

export const queueFilterParsers = {
  q: parseAsSearch,
  status: parseAsArrayOf(parseAsStringLiteral(TICKET_STATUSES)),
  priority: parseAsArrayOf(parseAsStringLiteral(TICKET_PRIORITIES)),
  category: parseAsArrayOf(parseAsStringLiteral(TICKET_CATEGORIES)),
  team: parseAsUuid,
  assignee: parseAsAssignee,
  city: parseAsUuid,
  sla: parseAsStringLiteral(SLA_FILTERS),
};

export type QueueFilters = inferParserType<typeof queueFilterParsers>;

export const loadQueueFilters = createLoader(queueFilterParsers);

export const NO_FILTERS: QueueFilters = {
  q: null,
  status: null,
  priority: null,
  category: null,
  team: null,
  assignee: null,
  city: null,
  sla: null,
};

function listOrUndefined<T>(values: readonly T[] | null): T[] | undefined {
  return values && values.length > 0 ? [...values].sort() : undefined;
}

/** What a saved view stores for these filters. */
export function savedQueryOf(filters: QueueFilters): SavedQuery {
  return {
    status: listOrUndefined(filters.status),
    priority: listOrUndefined(filters.priority),
    category: listOrUndefined(filters.category),
    teamId: filters.team ?? undefined,
    assignee: filters.assignee ?? "any",
    cityId: filters.city ?? undefined,
    sla: filters.sla ?? undefined,
    q: filters.q ?? undefined,
  };
}

/** The tickets.queue input for these filters (without the cursor). */
export function queueInputOf(filters: QueueFilters): QueueInput {
  return { ...savedQueryOf(filters), limit: QUEUE_PAGE_SIZE };
}

/** The URL filters that reproduce a saved view. */
export function filtersOf(query: SavedQuery): QueueFilters {
  return {
    q: query.q ?? null,
    status: listOrUndefined(query.status ?? null) ?? null,
    priority: listOrUndefined(query.priority ?? null) ?? null,
    category: listOrUndefined(query.category ?? null) ?? null,
    team: query.teamId ?? null,
    assignee: query.assignee === "any" ? null : query.assignee,
    city: query.cityId ?? null,
    sla: query.sla ?? null,
  };
}

export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return JSON.stringify(savedQueryOf(a)) === JSON.stringify(savedQueryOf(b));
}

export function activeFilterCount(filters: QueueFilters): number {
  return Object.values(filters).filter((value) => (Array.isArray(value) ? value.length > 0 : value !== null))
    .length;
}

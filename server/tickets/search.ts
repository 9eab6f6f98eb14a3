import { join, sql, type Sql } from "../db/sql.ts";

// Full-text search over subject, description and comment bodies (TicketSearch.text, filled by triggers with
// ticket_search_normalize). Every whitespace-separated term must occur as a substring: a trigram GIN index
// serves terms of 3+ characters in any script; a 2-character kana/kanji term ("配達") has no trigram, so it
// also asks the CJK-bigram GIN index. A 2-character Latin term has neither: its LIKE is a filter on whatever
// the other conditions select (documented in the README).

const MAX_TERMS = 8;
const CJK = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u;

export function searchTerms(q: string): string[] {
  const terms = q.split(/\s+/).filter((term) => term.length > 0);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** Whether the term, normalized like the stored text (NFKC, lower case), is exactly two kana/kanji. */
export function isCjkBigram(term: string): boolean {
  const chars = [...term.normalize("NFKC").toLowerCase()];
  return chars.length === 2 && chars.every((c) => CJK.test(c));
}

// Normalization and LIKE escaping happen in SQL on the parameter, so the pattern is a constant the planner
// can match against the trigram index.
function termMatches(term: string): Sql {
  const pattern = sql`'%' || replace(replace(replace(ticket_search_normalize(${term}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
  const like = sql`s."text" LIKE ${pattern}`;
  if (!isCjkBigram(term)) return like;
  return sql`(s."bigrams" @> ARRAY[ticket_search_normalize(${term})] AND ${like})`;
}

/** A condition on a search row `s` ("TicketSearch"): every term occurs in its text. */
export function searchTextCondition(q: string): Sql {
  return join(searchTerms(q).map(termMatches), " AND ");
}

/** A condition on the queue's ticket row `t`. */
export function searchCondition(q: string): Sql {
  return sql`EXISTS (SELECT 1 FROM "TicketSearch" s WHERE s."ticketId" = t.id AND ${searchTextCondition(q)})`;
}

import { Prisma } from "./generated/client.ts";

// Parameterised SQL fragments for the statements the query builder cannot express (search conditions, the SLA
// sweep): values are always bound, never spliced, except through `raw`, which takes only trusted SQL.

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const join = Prisma.join;
export const raw = Prisma.raw;

import type { Queryable } from "../db/transaction.ts";
import type { CandidateQuery, Person } from "./candidates.ts";

// The people and integrations a workflow step can be given to, read from the users and API clients the console
// keeps: the workflow engine's only reader of them.

export async function findPeople(db: Queryable, query: CandidateQuery): Promise<Person[]> {
  const clients = query.clientIds.length
    ? await db.apiClient.findMany({
        where: { clientId: { in: query.clientIds }, disabledAt: null },
        select: { id: true, clientId: true },
      })
    : [];
  const integrations = clients.map((c) => ({
    id: c.id,
    email: "",
    roles: [],
    teamKey: null,
    clientId: c.clientId,
  }));
  if (query.roles.length + query.teamKeys.length + query.emails.length === 0) return integrations;
  const rows = await db.user.findMany({
    where: {
      disabledAt: null,
      OR: [
        ...(query.roles.length ? [{ roles: { hasSome: query.roles } }] : []),
        ...(query.teamKeys.length ? [{ team: { key: { in: query.teamKeys } } }] : []),
        ...(query.emails.length ? [{ email: { in: query.emails } }] : []),
      ],
    },
    select: { id: true, email: true, roles: true, team: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  const people: Person[] = rows.map((row) => ({
    id: row.id,
    email: row.email,
    roles: row.roles,
    teamKey: row.team?.key ?? null,
  }));
  return [...people, ...integrations];
}

/** The people a user manages: members of the teams they lead. */
export async function managedBy(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.user.findMany({ where: { team: { leadId: userId } }, select: { id: true } });
  return rows.map((row) => row.id);
}

export async function activeUserExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.user.count({ where: { id, disabledAt: null } })) === 1;
}

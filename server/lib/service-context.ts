import { randomUUID } from "node:crypto";
import { can, type Permission } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/repository.ts";
import type { ApiScope } from "../integration/scopes.ts";
import { AppError } from "./errors.ts";

// One context for every domain service, whatever the transport: a tRPC call, a REST call, a scheduled job or an
// event consumer. `type` and `id` are what the event log and the audit trail record of the actor.

type Actor =
  | { type: "user"; id: string; user: SessionUser }
  | { type: "api_client"; id: string; clientId: string; scopes: readonly ApiScope[] }
  | { type: "system"; id: null; job: string };

export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

export interface ServiceContext {
  actor: Actor;
  correlationId: string;
  /** The event that caused this work, when a consumer or a follow-up acts on one. */
  causationId?: string;
  clock: Clock;
}

export function userContext(
  user: SessionUser,
  correlationId: string,
  clock: Clock = SYSTEM_CLOCK,
): ServiceContext {
  return { actor: { type: "user", id: user.id, user }, correlationId, clock };
}

export function apiClientContext(
  client: { clientDbId: string; clientId: string; scopes: readonly string[] },
  correlationId: string,
  clock: Clock = SYSTEM_CLOCK,
): ServiceContext {
  const scopes = client.scopes as readonly ApiScope[];
  return {
    actor: { type: "api_client", id: client.clientDbId, clientId: client.clientId, scopes },
    correlationId,
    clock,
  };
}

/** A scheduled job or a consumer acting on its own: its name is in the logs, the audit trail says "system". */
export function systemContext(
  job: string,
  options: { correlationId?: string; causationId?: string; clock?: Clock } = {},
): ServiceContext {
  return {
    actor: { type: "system", id: null, job },
    correlationId: options.correlationId ?? randomUUID(),
    ...(options.causationId ? { causationId: options.causationId } : {}),
    clock: options.clock ?? SYSTEM_CLOCK,
  };
}

/** A fixed instant, for tests and for replays that must see the time an event happened. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at) });

/** The signed-in user, or null for an API client or the system acting for the whole platform. */
export function actingUser(context: ServiceContext): SessionUser | null {
  return context.actor.type === "user" ? context.actor.user : null;
}

/**
 * The one permission answer for every transport: a user by roles and grants; an API client by the scope its
 * route demanded when the token was checked; the system may do what its job does.
 */
function mayDo(context: ServiceContext, permission: Permission): boolean {
  const { actor } = context;
  if (actor.type === "user") return can(actor.user.roles, permission, actor.user.permissions);
  return true;
}

export function requirePermission(context: ServiceContext, permission: Permission): void {
  if (!mayDo(context, permission)) throw new AppError("FORBIDDEN", `Missing permission ${permission}.`);
}

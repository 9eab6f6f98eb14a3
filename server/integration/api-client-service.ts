import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { randomToken, sha256Hex } from "../auth/hash.ts";
import { recordEvent } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type {
  ApiClientSummary,
  CreateApiClientInput,
  CreatedApiClient,
  DisableApiClientInput,
  RotateApiClientSecretInput,
} from "./api-client-contract.ts";
import {
  findApiClientSummary,
  insertApiClient,
  listApiClients,
  lockClientSecret,
  markApiClientDisabled,
  replaceClientSecret,
} from "./api-client-repository.ts";

const AGGREGATE = "api_client";
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MANAGE = "api_clients:manage";

/** A readable, URL- and Basic-auth-safe id: a slug of the name plus a random suffix so names may repeat. */
function clientIdFor(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return `${slug || "client"}-${randomBytes(4).toString("hex")}`;
}

/** Every client, newest first, with its count of unexpired tokens. */
export async function listClients(db: Db, context: ServiceContext): Promise<ApiClientSummary[]> {
  requirePermission(context, MANAGE);
  return listApiClients(db, context.clock.now());
}

/**
 * Creates a client with a fresh random secret. The secret is returned here once and stored only as a hash.
 * The client id is drawn inside the transaction, so a retry after a clashing suffix draws a new one.
 */
export async function createClient(
  db: Db,
  context: ServiceContext,
  input: CreateApiClientInput,
): Promise<CreatedApiClient> {
  requirePermission(context, MANAGE);
  const now = context.clock.now();
  const clientSecret = randomToken(32);
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null;
  const client = await withTransaction(db, async (tx) => {
    const created = await insertApiClient(
      tx,
      {
        clientId: clientIdFor(input.name),
        name: input.name,
        secretHash: sha256Hex(clientSecret),
        scopes: input.scopes,
        eventSources: input.eventSources,
        expiresAt,
      },
      now,
    );
    await recordEvent(tx, context, {
      type: "ApiClientCreated",
      aggregateType: AGGREGATE,
      aggregateId: created.id,
      payload: {
        clientId: created.clientId,
        name: created.name,
        scopes: created.scopes,
        eventSources: created.eventSources,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    });
    return created;
  });
  return { client, clientSecret };
}

/** Disables a client; its tokens stop working at once because token lookup checks the client's disabledAt. */
export async function disableClient(
  db: Db,
  context: ServiceContext,
  input: DisableApiClientInput,
): Promise<ApiClientSummary> {
  requirePermission(context, MANAGE);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const client = await findApiClientSummary(tx, input.id, now);
    if (!client) throw new AppError("NOT_FOUND", "No API client has this id.");
    if (client.disabledAt || !(await markApiClientDisabled(tx, input.id, now))) {
      throw new AppError("CONFLICT", `API client ${client.clientId} is already disabled.`);
    }
    await recordEvent(tx, context, {
      type: "ApiClientDisabled",
      aggregateType: AGGREGATE,
      aggregateId: input.id,
      payload: { clientId: client.clientId, name: client.name, tokensInvalidated: client.liveTokens },
    });
    return { ...client, disabledAt: now, liveTokens: 0 };
  });
}

/**
 * Gives a client a new secret, returned here once. The old secret keeps working for `overlapHours` (0: stops at
 * once), so the client's deployments can switch without downtime; tokens already issued keep working until
 * they expire. A rotation during an overlap ends that overlap: only the latest old secret is kept.
 */
export async function rotateClientSecret(
  db: Db,
  context: ServiceContext,
  input: RotateApiClientSecretInput,
): Promise<CreatedApiClient> {
  requirePermission(context, MANAGE);
  const now = context.clock.now();
  const clientSecret = randomToken(32);
  const previousUntil =
    input.overlapHours > 0 ? new Date(now.getTime() + input.overlapHours * HOUR_MS) : null;
  const client = await withTransaction(db, async (tx) => {
    const current = await lockClientSecret(tx, input.id);
    const summary = current ? await findApiClientSummary(tx, input.id, now) : null;
    if (!current || !summary) throw new AppError("NOT_FOUND", "No API client has this id.");
    if (summary.disabledAt) throw new AppError("CONFLICT", `API client ${summary.clientId} is disabled.`);
    await replaceClientSecret(tx, input.id, {
      secretHash: sha256Hex(clientSecret),
      previousSecretHash: current.secretHash,
      previousUntil,
    });
    await recordEvent(tx, context, {
      type: "ApiClientSecretRotated",
      aggregateType: AGGREGATE,
      aggregateId: input.id,
      payload: {
        clientId: summary.clientId,
        name: summary.name,
        previousSecretValidUntil: previousUntil?.toISOString() ?? null,
      },
    });
    return { ...summary, previousSecretExpiresAt: previousUntil };
  });
  return { client, clientSecret };
}

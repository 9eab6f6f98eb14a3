import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { randomToken, sha256Hex } from "../auth/hash.ts";
import { recordEvent } from "../events/record.ts";
import type { EventContext } from "../events/types.ts";
import { AppError } from "../lib/errors.ts";
import type { ApiClientSummary, CreateApiClientInput, CreatedApiClient } from "./api-client-contract.ts";
import { findApiClientSummary, insertApiClient, markApiClientDisabled } from "./api-client-repository.ts";

const AGGREGATE = "api_client";

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

/** Creates a client with a fresh random secret. The secret is returned here once and stored only as a hash. */
export async function createClient(
  db: Db,
  context: EventContext,
  input: CreateApiClientInput,
  now = new Date(),
): Promise<CreatedApiClient> {
  const clientSecret = randomToken(32);
  const client = await db.$transaction(async (tx) => {
    const created = await insertApiClient(
      tx,
      {
        clientId: clientIdFor(input.name),
        name: input.name,
        secretHash: sha256Hex(clientSecret),
        scopes: input.scopes,
      },
      now,
    );
    await recordEvent(tx, context, {
      type: "ApiClientCreated",
      aggregateType: AGGREGATE,
      aggregateId: created.id,
      payload: { clientId: created.clientId, name: created.name, scopes: created.scopes },
    });
    return created;
  });
  return { client, clientSecret };
}

/** Disables a client; its tokens stop working at once because token lookup checks the client's disabledAt. */
export async function disableClient(
  db: Db,
  context: EventContext,
  id: string,
  now = new Date(),
): Promise<ApiClientSummary> {
  return db.$transaction(async (tx) => {
    const client = await findApiClientSummary(tx, id, now);
    if (!client) throw new AppError("NOT_FOUND", "No API client has this id.");
    if (client.disabledAt || !(await markApiClientDisabled(tx, id, now))) {
      throw new AppError("CONFLICT", `API client ${client.clientId} is already disabled.`);
    }
    await recordEvent(tx, context, {
      type: "ApiClientDisabled",
      aggregateType: AGGREGATE,
      aggregateId: id,
      payload: { clientId: client.clientId, name: client.name, tokensInvalidated: client.liveTokens },
    });
    return { ...client, disabledAt: now, liveTokens: 0 };
  });
}

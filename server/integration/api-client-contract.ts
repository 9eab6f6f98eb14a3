import { z } from "zod";
import { SOURCE_KEYS } from "../hub/catalogue.ts";
import { API_SCOPES } from "./scopes.ts";

// What the apiClients procedures accept and return. Shared with the "New client" form so both enforce the same
// rules, hence no server-only imports here.
export const CLIENT_NAME_MIN = 3;
export const CLIENT_NAME_MAX = 80;

export const createApiClientInput = z.object({
  name: z
    .string({ error: "name is required." })
    .trim()
    .min(CLIENT_NAME_MIN, `name must be at least ${CLIENT_NAME_MIN} characters.`)
    .max(CLIENT_NAME_MAX, `name must be at most ${CLIENT_NAME_MAX} characters.`),
  scopes: z
    .array(
      z.enum(API_SCOPES, {
        error: (issue) =>
          `scopes: unknown scope ${JSON.stringify(issue.input)}; known: ${API_SCOPES.join(", ")}.`,
      }),
      { error: "scopes must be a list of scopes." },
    )
    .min(1, "scopes must name at least one scope.")
    .transform((scopes) => API_SCOPES.filter((scope) => scopes.includes(scope))),
  /** The event sources its tokens may send events as; none: any (only meaningful with events:write). */
  eventSources: z
    .array(
      z.enum(SOURCE_KEYS, {
        error: (issue) =>
          `eventSources: unknown source ${JSON.stringify(issue.input)}; known: ${SOURCE_KEYS.join(", ")}.`,
      }),
      { error: "eventSources must be a list of event sources." },
    )
    .default([])
    .transform((sources) => SOURCE_KEYS.filter((source) => sources.includes(source))),
  /** Days until the client stops working; none: no expiry. */
  expiresInDays: z
    .number({ error: "expiresInDays must be a number of days." })
    .int("expiresInDays must be a whole number of days.")
    .min(1, "expiresInDays must be at least 1.")
    .max(730, "expiresInDays must be at most 730 (two years).")
    .optional(),
});

export type CreateApiClientInput = z.infer<typeof createApiClientInput>;

export const disableApiClientInput = z.object({ id: z.uuid("id must be an API client id (UUID).") });

export type DisableApiClientInput = z.infer<typeof disableApiClientInput>;

const ROTATION_OVERLAP_MAX_HOURS = 168;

export const rotateApiClientSecretInput = z.object({
  id: z.uuid("id must be an API client id (UUID)."),
  /** Hours the old secret keeps working, so the client's deployments can switch over; 0 ends it at once. */
  overlapHours: z
    .number({ error: "overlapHours must be a number of hours." })
    .int("overlapHours must be a whole number of hours.")
    .min(0, "overlapHours must be at least 0.")
    .max(ROTATION_OVERLAP_MAX_HOURS, `overlapHours must be at most ${ROTATION_OVERLAP_MAX_HOURS} (a week).`)
    .default(24),
});

export type RotateApiClientSecretInput = z.infer<typeof rotateApiClientSecretInput>;

// An explicit output shape: whatever the repository selects, only these fields leave the server.
export const apiClientSummary = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  /** The event sources its tokens may send as; empty: any. */
  eventSources: z.array(z.string()),
  createdAt: z.date(),
  disabledAt: z.date().nullable(),
  /** After this the client gets no token and its tokens stop working. */
  expiresAt: z.date().nullable(),
  /** The last token issued or bearer call made, to the minute. */
  lastUsedAt: z.date().nullable(),
  /** Until then the secret before the last rotation is still accepted. */
  previousSecretExpiresAt: z.date().nullable(),
  /** Unexpired tokens of an enabled client; a disabled client's tokens no longer work. */
  liveTokens: z.number().int(),
});

export type ApiClientSummary = z.infer<typeof apiClientSummary>;

export const createdApiClient = z.object({
  client: apiClientSummary,
  /** The only time the secret exists outside the caller's hands: the database keeps its hash. */
  clientSecret: z.string(),
});

export type CreatedApiClient = z.infer<typeof createdApiClient>;

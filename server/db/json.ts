import type { Prisma } from "./generated/client.ts";

// The JSON shapes the database reads and writes, named here so that code outside the repositories (event
// payloads, decoders of stored JSON) needs no import of the Prisma client.

/** A JSON column's value as read. */
export type JsonValue = Prisma.JsonValue;
/** A JSON object to write. */
export type InputJsonObject = Prisma.InputJsonObject;
/** A JSON array to write. */
export type InputJsonArray = Prisma.InputJsonArray;

import { z } from "zod";
import { AppError } from "../lib/errors.ts";

// The queue's keyset position: the last row's sort key (slaDueAt, null sorting last) and id.
export interface QueueCursor {
  dueAt: Date | null;
  id: string;
}

const payload = z.object({ d: z.iso.datetime().nullable(), i: z.uuid() });

export function encodeCursor(cursor: QueueCursor): string {
  const json = JSON.stringify({ d: cursor.dueAt?.toISOString() ?? null, i: cursor.id });
  return Buffer.from(json).toString("base64url");
}

export function decodeCursor(cursor: string): QueueCursor {
  try {
    const parsed = payload.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { dueAt: parsed.d === null ? null : new Date(parsed.d), id: parsed.i };
  } catch {
    throw new AppError("BAD_REQUEST", "cursor: not a cursor this queue returned.", {
      details: { field: "cursor" },
    });
  }
}

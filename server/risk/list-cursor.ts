import { z } from "zod";
import { AppError } from "../lib/errors.ts";
import { RISK_LEVELS, type RiskLevel } from "./types.ts";

// Keyset cursor of the risk list, ordered by level, then score, then id, all descending. Opaque to callers.

export interface CaseListPosition {
  level: RiskLevel;
  score: number;
  id: string;
}

const positionSchema = z.object({ level: z.enum(RISK_LEVELS), score: z.int(), id: z.uuid() });

export function encodeCursor(position: CaseListPosition): string {
  return Buffer.from(JSON.stringify([position.level, position.score, position.id])).toString("base64url");
}

export function decodeCursor(cursor: string): CaseListPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed)) {
      const [level, score, id] = parsed;
      const result = positionSchema.safeParse({ level, score, id });
      if (result.success) return result.data;
    }
  } catch {
    // Not JSON: reported below like any other foreign cursor.
  }
  throw new AppError("BAD_REQUEST", "cursor: is not a cursor returned by this list.", {
    details: { field: "cursor" },
  });
}

/** Levels strictly below `level`, i.e. the rows that follow every row of that level. */
export function levelsBelow(level: RiskLevel): RiskLevel[] {
  return RISK_LEVELS.slice(0, RISK_LEVELS.indexOf(level));
}

import type { Db } from "../../db/client.ts";
import { oldestDueInboundAt } from "../processing-repository.ts";

/** Seconds the longest-waiting row the workers could take now has been due (oldestDueInboundAt); 0 when none. */
export async function inboxLagSeconds(db: Db, now: Date = new Date()): Promise<number> {
  const oldest = await oldestDueInboundAt(db);
  return oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0;
}

import type { Db } from "../../db/client.ts";
import { oldestPendingInboundAt } from "../processing-repository.ts";

/** Age in seconds of the oldest inbox row still waiting to be processed; 0 when none waits. */
export async function inboxLagSeconds(db: Db, now: Date = new Date()): Promise<number> {
  const oldest = await oldestPendingInboundAt(db);
  return oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0;
}

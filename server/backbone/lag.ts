import type { Db } from "../db/client.ts";
import { CONSUMER_NAMES } from "../events/subscriptions.ts";
import { consumerLag } from "./delivery-repository.ts";

export interface ConsumerLagView {
  consumer: string;
  pending: number;
  dead: number;
  /** Age of the oldest delivery still waiting, in seconds; 0 when none waits. */
  lagSeconds: number;
}

/** Every known consumer's backlog, including the idle ones (as zeros), so a gauge never disappears. */
export async function readConsumerLag(db: Db, now: Date = new Date()): Promise<ConsumerLagView[]> {
  const rows = new Map((await consumerLag(db)).map((row) => [row.consumer, row]));
  return CONSUMER_NAMES.map((consumer) => {
    const row = rows.get(consumer);
    const oldest = row?.oldestPendingAt;
    return {
      consumer,
      pending: row?.pending ?? 0,
      dead: row?.dead ?? 0,
      lagSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0,
    };
  });
}

/** Readiness fails when a consumer has fallen this far behind: it is up but not keeping up. */
export const MAX_READY_LAG_SECONDS = 300;

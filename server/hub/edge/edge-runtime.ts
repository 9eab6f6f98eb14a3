import { getDb } from "../../db/client.ts";
import { authenticateBearer } from "../../integration/oauth.ts";
import { requireDatabaseUrl } from "../../lib/env.ts";
import { logger } from "../../lib/logger.ts";
import {
  inboxPool,
  insertInboundEvents,
  wakeInboxWorkers,
  type NewInboundEvent,
} from "../inbox-repository.ts";
import { admitInboundEvent } from "../../security/event-edge.ts";
import { BearerCache } from "./bearer-cache.ts";
import { coalescedWake } from "./coalesced-wake.ts";
import { addSourceRefusals, readEdgeSources, touchSourcesLastEventAt } from "./edge-sources-repository.ts";
import { edgeMetrics } from "./edge-metrics.ts";
import { InboxWriter } from "./inbox-writer.ts";
import { refusalTally } from "./refusal-tally.ts";
import { SourceAdmission } from "./source-admission.ts";
import type { EdgeDeps } from "./receive.ts";
import { SourceDirectory } from "./source-directory.ts";

// The edge's process-wide parts: its own pg pool (the inbox writes skip Prisma, see inbox-repository.ts), the
// grouped inbox writer, the source and token caches. One per process: the listener and Next's route module (a
// separate bundle of the same code) find it through globalThis.

export interface EdgeRuntime {
  deps: EdgeDeps;
  /** Waits for queued inbox writes, then closes the pool. */
  close(): Promise<void>;
}

const LAST_EVENT_EVERY_MS = 1_000;

function createEdgeRuntime(): EdgeRuntime {
  const log = logger.child({ component: "event-edge" });
  const pool = inboxPool(requireDatabaseUrl(), "ops-event-edge");
  pool.on("error", (err) => log.warn({ err }, "an idle inbox connection failed"));
  const wake = coalescedWake(
    () => wakeInboxWorkers(pool),
    (err) => log.warn({ err }, "inbox wake-up not sent; the workers' poll finds the events"),
  );
  const insert = async (rows: readonly NewInboundEvent[]) => {
    const receipts = await insertInboundEvents(pool, rows);
    wake();
    return receipts;
  };
  const writer = new InboxWriter(insert, {
    maxRows: 1_000,
    maxWaitMs: 2,
    maxConcurrent: 4,
  });
  const directory = new SourceDirectory(() => readEdgeSources(pool));
  const tokens = new BearerCache((authorization) =>
    authenticateBearer(getDb(), authorization, "events:write"),
  );

  // EventSource.lastEventAt moves at most once a second per source: the admin screen needs no finer grain.
  const lastTouched = new Map<string, number>();
  const eventsArrived = (sources: ReadonlySet<string>) => {
    const now = Date.now();
    const due = [...sources].filter((key) => now - (lastTouched.get(key) ?? 0) >= LAST_EVENT_EVERY_MS);
    if (due.length === 0) return;
    due.forEach((key) => lastTouched.set(key, now));
    touchSourcesLastEventAt(pool, due).catch((err: unknown) => log.warn({ err }, "lastEventAt not updated"));
  };

  const refusals = refusalTally(
    (counts) => addSourceRefusals(pool, counts),
    (err) => log.warn({ err }, "refusal counts not written"),
  );

  const admission = new SourceAdmission(admitInboundEvent, Date.now, (err) =>
    log.warn({ err }, "the shared rate limiter is unreachable; events admitted"),
  );

  return {
    deps: {
      authenticateBearer: (authorization) => tokens.authenticate(authorization),
      sources: () => directory.current(),
      write: (rows) => writer.write(rows),
      eventsArrived,
      refused: (source, failureClass) => refusals.note(source, failureClass),
      admit: (source, events) => admission.admit(source, events),
      metrics: edgeMetrics(),
      log,
      now: Date.now,
    },
    close: async () => {
      await writer.drained();
      await refusals.flush();
      await pool.end();
    },
  };
}

const globalForEdge = globalThis as unknown as { opsEdgeRuntime?: EdgeRuntime };

export function edgeRuntime(): EdgeRuntime {
  globalForEdge.opsEdgeRuntime ??= createEdgeRuntime();
  return globalForEdge.opsEdgeRuntime;
}

/** Closes the runtime if this process made one (server shutdown, tests). */
export async function closeEdgeRuntime(): Promise<void> {
  const runtime = globalForEdge.opsEdgeRuntime;
  delete globalForEdge.opsEdgeRuntime;
  await runtime?.close();
}

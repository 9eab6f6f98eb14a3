import { EventEmitter, on } from "node:events";
import pg from "pg";
import { EVENTS_CHANNEL } from "../events/record.ts";
import { requireDatabaseUrl } from "../lib/env.ts";
import { logger } from "../lib/logger.ts";

export interface LiveEvent {
  seq: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
}

/**
 * One LISTEN connection per process fans committed domain events out to every open subscription. NOTIFY comes
 * from the database, so events written by any app instance reach every instance's subscribers.
 */
class EventHub {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: requireDatabaseUrl() });
    client.on("notification", (message) => {
      if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
      try {
        this.emitter.emit("event", JSON.parse(message.payload) as LiveEvent);
      } catch (error) {
        logger.warn({ err: error }, "ignored malformed event notification");
      }
    });
    client.on("error", (error) => {
      logger.warn({ err: error }, "event listener connection lost; reconnecting");
      this.client = null;
      setTimeout(() => void this.ensureConnected().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
  }

  ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Committed events, as they arrive, until `signal` aborts. */
  async *events(signal: AbortSignal | undefined): AsyncGenerator<LiveEvent> {
    await this.ensureConnected();
    try {
      for await (const [event] of on(this.emitter, "event", { signal })) {
        yield event as LiveEvent;
      }
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }
}

const globalForHub = globalThis as unknown as { opsEventHub?: EventHub };

export function eventHub(): EventHub {
  globalForHub.opsEventHub ??= new EventHub();
  return globalForHub.opsEventHub;
}

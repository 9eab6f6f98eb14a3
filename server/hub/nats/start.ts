import type { Env } from "../../lib/env.ts";
import type { Logger } from "../../lib/logger.ts";
import { edgeRuntime } from "../edge/edge-runtime.ts";
import { startNatsSource, type NatsSource } from "./source.ts";

// Starts the NATS source from the environment. Loaded with a dynamic import only when NATS_URL is set, so a
// console without NATS never loads the client. It shares the HTTP edge's source directory and grouped inbox
// writer, so both entrances check and store an event the same way. A NATS server down at start is retried.

const CONNECT_RETRY_MS = 5_000;

type NatsEnv = Pick<Env, "NATS_STREAM" | "NATS_SUBJECTS" | "NATS_DURABLE"> & { NATS_URL: string };

export async function startNatsSourceFromEnv(env: NatsEnv, log: Logger): Promise<NatsSource> {
  const { deps } = edgeRuntime();
  for (;;) {
    try {
      return await startNatsSource({
        url: env.NATS_URL,
        stream: env.NATS_STREAM,
        subjects: env.NATS_SUBJECTS.split(",").map((subject) => subject.trim()),
        durable: env.NATS_DURABLE,
        sources: deps.sources,
        write: deps.write,
        eventsArrived: deps.eventsArrived,
        log,
      });
    } catch (error) {
      log.warn({ err: error, url: env.NATS_URL }, "NATS stream not reachable; retrying");
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    }
  }
}

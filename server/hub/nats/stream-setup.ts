import { AckPolicy, JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";

// The stream and the hub's durable pull consumer, created when absent so a fresh NATS server works as is. An
// existing stream or consumer is used as configured by whoever owns it.

export interface StreamSetup {
  stream: string;
  subjects: readonly string[];
  durable: string;
  /** Unacknowledged messages come back after this long (a crashed instance's batch, say). */
  ackWaitMs: number;
  /** Messages delivered and not yet acknowledged at once: above one pull of the source. */
  maxAckPending: number;
}

const isApiError = (error: unknown, code: number) =>
  error instanceof JetStreamApiError && error.code === code;

export async function ensureStreamAndConsumer(jsm: JetStreamManager, setup: StreamSetup): Promise<void> {
  try {
    await jsm.streams.info(setup.stream);
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add({ name: setup.stream, subjects: [...setup.subjects] });
  }
  try {
    const { config } = await jsm.consumers.info(setup.stream, setup.durable);
    // A consumer made by an earlier version keeps its name, position and ack wait; how many messages it hands
    // out unacknowledged follows the setting (it bounds what a slow database leaves waiting for its ack).
    if (config.max_ack_pending !== setup.maxAckPending) {
      await jsm.consumers.update(setup.stream, setup.durable, { max_ack_pending: setup.maxAckPending });
    }
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(setup.stream, {
      durable_name: setup.durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(setup.ackWaitMs),
      max_ack_pending: setup.maxAckPending,
    });
  }
}

import { z } from "zod";

// The only reader of process.env: everything else imports `env`.
// An empty variable counts as unset (e.g. `DATABASE_URL= npm start` forces the embedded database).
const unsetIfEmpty = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), inner.optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: unsetIfEmpty(z.string().url()),
  NEXTAUTH_SECRET: unsetIfEmpty(z.string().min(16)),
  NEXTAUTH_URL: unsetIfEmpty(z.string().url()),
  CRON_SECRET: unsetIfEmpty(z.string().min(16)),
  METRICS_TOKEN: unsetIfEmpty(z.string().min(16)),
  // Personal data keys, "id:base64,id:base64" (32 bytes each), and the one new values use (default: the last).
  PII_KEYS: unsetIfEmpty(z.string().min(1)),
  PII_ACTIVE_KEY_ID: unsetIfEmpty(z.string().min(1)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  EMBEDDED_PG_DIR: z.string().default(".data/postgres"),
  IN_PROCESS_JOBS: z.enum(["on", "off"]).default("on"),
  // Where the retention job writes what it removes (<dir>/<yyyy-mm-dd>/<table>.jsonl.gz and a manifest).
  ARCHIVE_DIR: z.string().min(1).default(".data/archive"),
  // Event consumers (alert follow-ups and the like) in the app process; off only where another process runs them.
  IN_PROCESS_CONSUMERS: z.enum(["on", "off"]).default("on"),
  // Attempts before a failing delivery becomes a dead letter (backoff between them grows to minutes).
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  // auto: on only with the embedded database (npm start passes DEMO_FEED=on when it started one).
  DEMO_FEED: z.enum(["on", "off", "auto"]).default("auto"),
  // The event hub also consumes this NATS JetStream stream when NATS_URL is set; unset, nothing about NATS starts.
  NATS_URL: unsetIfEmpty(z.string().min(1)),
  // Inbound events one source may send per minute, across instances (a runaway source is refused with 429;
  // the default admits the edge's whole measured capacity, batches included).
  EVENT_SOURCE_EVENTS_PER_MINUTE: z.coerce.number().int().positive().default(3_600_000),
  NATS_STREAM: z
    .string()
    .regex(/^[\w-]+$/, "letters, digits, _ and - only")
    .default("PLATFORM_EVENTS"),
  // Comma-separated subjects the stream holds (used when the stream is created here).
  NATS_SUBJECTS: z.string().min(1).default("platform.events.>"),
  NATS_DURABLE: z
    .string()
    .regex(/^[\w-]+$/, "letters, digits, _ and - only")
    .default("ops-console-hub"),
  // Traces (server/lib/telemetry): exported by OTLP/HTTP when an endpoint is set or OTEL_TRACES_EXPORTER=otlp;
  // otherwise off. The exporter also reads OTEL_EXPORTER_OTLP_HEADERS itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetIfEmpty(z.string().url()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: unsetIfEmpty(z.string().url()),
  OTEL_TRACES_EXPORTER: unsetIfEmpty(z.enum(["otlp", "none"])),
  OTEL_SERVICE_NAME: z.string().min(1).default("ops-console"),
});

export type Env = z.infer<typeof schema>;

function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}

export const env = readEnv();

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the console with `npm start`, which provides one.");
  }
  return env.DATABASE_URL;
}

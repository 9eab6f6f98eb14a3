import pino from "pino";
import { env } from "./env.ts";

// JSON lines on stdout; a request's correlation id travels in child loggers.
export const logger = pino({
  level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "ops-console" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["*.password", "*.secret", "*.clientSecret", "*.token", "req.headers.authorization"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;

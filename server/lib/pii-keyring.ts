import { createHash } from "node:crypto";
import { env } from "./env.ts";
import { parsePiiKeyring, PiiKeyError, type PiiKeyring } from "./pii-cipher.ts";

// The keyring from the environment (`npm start` passes the one kept in .data/secrets.json). Tests run with a fixed
// key of their own; anywhere else a missing key is an error, never a silent plaintext write.

const TEST_KEY = createHash("sha256").update("ops-console test PII key").digest("base64");

let cached: PiiKeyring | null = null;

/** For a process that reads its keys elsewhere (npm start's .data/secrets.json, pii:reencrypt --rotate). */
export function configurePiiKeyring(keyring: PiiKeyring): void {
  cached = keyring;
}

export function piiKeyring(): PiiKeyring {
  cached ??= loadKeyring();
  return cached;
}

function loadKeyring(): PiiKeyring {
  if (env.PII_KEYS) return parsePiiKeyring(env.PII_KEYS, env.PII_ACTIVE_KEY_ID);
  if (env.NODE_ENV === "test") return parsePiiKeyring(`test:${TEST_KEY}`);
  throw new PiiKeyError("PII_KEYS is not set: start the console with `npm start`, which provides one.");
}

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomToken } from "../auth/hash.ts";
import { newPiiKey } from "../lib/pii-cipher.ts";

export interface LocalSecrets {
  postgresPassword: string;
  nextAuthSecret: string;
  cronSecret: string;
  metricsToken: string;
  /** Personal data keys in PII_KEYS form ("id:base64,…") and the active one; pii:reencrypt --rotate adds one. */
  piiKeys: string;
  piiActiveKeyId: string;
}

function newSecrets(): LocalSecrets {
  return {
    postgresPassword: randomToken(18),
    nextAuthSecret: randomToken(32),
    cronSecret: randomToken(24),
    metricsToken: randomToken(24),
    piiKeys: `k1:${newPiiKey()}`,
    piiActiveKeyId: "k1",
  };
}

const secretsFile = (dataRoot: string) => path.join(dataRoot, "secrets.json");

/**
 * Secrets for a local run, made once and kept beside the embedded data so sessions survive restarts. A file from an
 * older version gains the secrets it lacks (existing ones are never replaced: that would lose data or sessions).
 */
export async function loadLocalSecrets(dataRoot: string): Promise<LocalSecrets> {
  const file = secretsFile(dataRoot);
  const stored = existsSync(file)
    ? (JSON.parse(await readFile(file, "utf8")) as Partial<LocalSecrets>)
    : null;
  const secrets = { ...newSecrets(), ...stored };
  if (!stored || Object.keys(secrets).some((key) => !(key in stored)))
    await saveLocalSecrets(dataRoot, secrets);
  return secrets;
}

export async function saveLocalSecrets(dataRoot: string, secrets: LocalSecrets): Promise<void> {
  await mkdir(dataRoot, { recursive: true });
  await writeFile(secretsFile(dataRoot), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

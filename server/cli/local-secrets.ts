import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomToken } from "../auth/hash.ts";

export interface LocalSecrets {
  postgresPassword: string;
  nextAuthSecret: string;
  cronSecret: string;
  metricsToken: string;
}

/** Secrets for a local run, made once and kept beside the embedded data so sessions survive restarts. */
export async function loadLocalSecrets(dataRoot: string): Promise<LocalSecrets> {
  const file = path.join(dataRoot, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    postgresPassword: randomToken(18),
    nextAuthSecret: randomToken(32),
    cronSecret: randomToken(24),
    metricsToken: randomToken(24),
  };
  await mkdir(dataRoot, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

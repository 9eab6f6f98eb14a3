import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded.ts";
import { reencryptPii } from "../db/pii-reencrypt.ts";
import { env } from "../lib/env.ts";
import { formatPiiKeys, newPiiKey, parsePiiKeyring, type PiiKeyring } from "../lib/pii-cipher.ts";
import { loadLocalSecrets, saveLocalSecrets } from "./local-secrets.ts";

// `npm run pii:reencrypt`: re-encrypt personal data under the active key.
// - With PII_KEYS set: DATABASE_URL and PII_KEYS/PII_ACTIVE_KEY_ID as the app has them. Rotate by deploying the new
//   key as active beside the old one, running this, then removing the old key.
// - With the embedded database (stop `npm start` first): the keys in .data/secrets.json; `-- --rotate` adds a new
//   key there and makes it active before re-encrypting.
const rotate = process.argv.includes("--rotate");

async function localKeyring(dataRoot: string): Promise<PiiKeyring> {
  const secrets = await loadLocalSecrets(dataRoot);
  let keyring = parsePiiKeyring(secrets.piiKeys, secrets.piiActiveKeyId);
  if (rotate) {
    const id = `k${keyring.keys.size + 1}`;
    keyring = parsePiiKeyring(`${secrets.piiKeys},${id}:${newPiiKey()}`, id);
    await saveLocalSecrets(dataRoot, { ...secrets, piiKeys: formatPiiKeys(keyring), piiActiveKeyId: id });
    process.stdout.write(`New personal data key ${id} is active (kept in .data/secrets.json).\n`);
  }
  return keyring;
}

let embedded: EmbeddedDatabase | null = null;
try {
  const dataDir = path.resolve(env.EMBEDDED_PG_DIR);
  if (rotate && env.PII_KEYS)
    throw new Error("--rotate manages .data/secrets.json: with PII_KEYS, add the key there.");
  const keyring = env.PII_KEYS
    ? parsePiiKeyring(env.PII_KEYS, env.PII_ACTIVE_KEY_ID)
    : await localKeyring(path.dirname(dataDir));
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const secrets = await loadLocalSecrets(path.dirname(dataDir));
    embedded = await startEmbeddedPostgres({ dataDir, password: secrets.postgresPassword });
    databaseUrl = embedded.url;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const counts = await reencryptPii(client, keyring);
    for (const [table, n] of Object.entries(counts))
      process.stdout.write(`${table}: ${n} row(s) re-encrypted\n`);
    process.stdout.write(`Every personal value is now under key ${keyring.activeKeyId}.\n`);
  } finally {
    await client.end();
  }
  await embedded?.stop();
  process.exit(0);
} catch (error) {
  await embedded?.stop().catch(() => undefined);
  process.stderr.write(`pii:reencrypt failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

// Personal data at rest: AES-256-GCM under a key named in each value, so keys can rotate (`npm run pii:reencrypt`)
// while old values stay readable. A stored value reads "pii1:<keyId>:<iv>:<ciphertext+tag>" (base64url parts).
// Anything without the prefix is a value written before encryption; pii:reencrypt encrypts it.

const PREFIX = "pii1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface PiiKeyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class PiiKeyError extends Error {}

/** "k1:<base64 32 bytes>,k2:<base64 32 bytes>" and the id of the key new values use. */
export function parsePiiKeyring(keysSpec: string, activeKeyId?: string): PiiKeyring {
  const keys = new Map<string, Buffer>();
  for (const entry of keysSpec
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(":");
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), "base64");
    if (colon < 1 || !KEY_ID.test(id))
      throw new PiiKeyError(`PII_KEYS: "${id}" is not a key id ([A-Za-z0-9_-]).`);
    if (key.length !== KEY_BYTES) throw new PiiKeyError(`PII_KEYS: key ${id} must be 32 bytes in base64.`);
    keys.set(id, key);
  }
  const active = activeKeyId ?? [...keys.keys()].at(-1);
  if (active === undefined || !keys.has(active)) {
    throw new PiiKeyError(`PII_ACTIVE_KEY_ID: ${active ?? "(none)"} is not one of PII_KEYS.`);
  }
  return { activeKeyId: active, keys };
}

export function formatPiiKeys(keyring: PiiKeyring): string {
  return [...keyring.keys].map(([id, key]) => `${id}:${key.toString("base64")}`).join(",");
}

export function newPiiKey(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

export function isEncryptedPii(value: string): boolean {
  return value.startsWith(`${PREFIX}:`);
}

/** The key id a stored value was written under; null for a value written before encryption. */
export function piiKeyIdOf(value: string): string | null {
  return isEncryptedPii(value) ? (value.split(":")[1] ?? null) : null;
}

export function encryptPii(keyring: PiiKeyring, plaintext: string): string {
  const key = keyFor(keyring, keyring.activeKeyId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  // The key id is authenticated too: a value cannot be relabelled to another key.
  cipher.setAAD(Buffer.from(keyring.activeKeyId));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [PREFIX, keyring.activeKeyId, iv.toString("base64url"), body.toString("base64url")].join(":");
}

export function decryptPii(keyring: PiiKeyring, stored: string): string {
  if (!isEncryptedPii(stored)) return stored;
  const [, keyId = "", ivPart = "", bodyPart = ""] = stored.split(":");
  const body = Buffer.from(bodyPart, "base64url");
  if (body.length < TAG_BYTES) throw new PiiKeyError("A stored personal value is truncated.");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(keyring, keyId), Buffer.from(ivPart, "base64url"));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - TAG_BYTES)),
    decipher.final(),
  ]).toString("utf8");
}

export const encryptNullable = (keyring: PiiKeyring, value: string | null | undefined): string | null =>
  value == null ? null : encryptPii(keyring, value);

export const decryptNullable = (keyring: PiiKeyring, value: string | null): string | null =>
  value === null ? null : decryptPii(keyring, value);

/**
 * A keyed hash of a normalized email, for lookups by equality without decrypting. One per key: a lookup asks for
 * every key's index, so rows indexed under an older key are still found until pii:reencrypt rewrites them.
 */
export function emailIndexes(keyring: PiiKeyring, email: string): string[] {
  const normalized = email.trim().toLowerCase();
  return [...keyring.keys].map(([id, key]) => `${id}:${hmac(indexKey(key), normalized)}`);
}

export function activeEmailIndex(keyring: PiiKeyring, email: string | null | undefined): string | null {
  if (email == null) return null;
  const key = keyFor(keyring, keyring.activeKeyId);
  return `${keyring.activeKeyId}:${hmac(indexKey(key), email.trim().toLowerCase())}`;
}

function keyFor(keyring: PiiKeyring, keyId: string): Buffer {
  const key = keyring.keys.get(keyId);
  if (!key) throw new PiiKeyError(`No PII key "${keyId}" is configured (PII_KEYS).`);
  return key;
}

// The index key is derived, so the encryption key itself never feeds a hash that is stored beside its output.
function indexKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "ops-console email index", KEY_BYTES));
}

function hmac(key: Buffer, value: string): string {
  return createHmac("sha256", key).update(value).digest("base64url");
}

import { decryptNullable, decryptPii } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import type { SubjectProfile } from "./pii.ts";

// A subject's personal fields are encrypted at rest (AES-256-GCM, a key id per value); masking and the audited
// reveal work on the decrypted profile, which never leaves the server unmasked except through the reveal.

export function decryptProfile<T extends SubjectProfile>(row: T): T;
export function decryptProfile<T extends SubjectProfile>(row: T | null): T | null;
export function decryptProfile<T extends SubjectProfile>(row: T | null): T | null {
  if (!row) return null;
  const keyring = piiKeyring();
  return {
    ...row,
    displayName: decryptPii(keyring, row.displayName),
    email: decryptNullable(keyring, row.email),
    phone: decryptNullable(keyring, row.phone),
    cardLast4: decryptNullable(keyring, row.cardLast4),
    address: decryptNullable(keyring, row.address),
  };
}

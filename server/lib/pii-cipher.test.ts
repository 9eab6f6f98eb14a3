import { describe, expect, it } from "vitest";
import {
  activeEmailIndex,
  decryptPii,
  emailIndexes,
  encryptPii,
  isEncryptedPii,
  newPiiKey,
  parsePiiKeyring,
  piiKeyIdOf,
  PiiKeyError,
} from "./pii-cipher.ts";

const K1 = newPiiKey();
const K2 = newPiiKey();
const old = parsePiiKeyring(`k1:${K1}`);
const rotated = parsePiiKeyring(`k1:${K1},k2:${K2}`, "k2");

describe("encryptPii", () => {
  it("round-trips text, Japanese included, under the active key", () => {
    const stored = encryptPii(old, "山田 太郎 <taro@example.jp>");
    expect(isEncryptedPii(stored)).toBe(true);
    expect(stored).not.toContain("taro");
    expect(piiKeyIdOf(stored)).toBe("k1");
    expect(decryptPii(old, stored)).toBe("山田 太郎 <taro@example.jp>");
  });

  it("uses a fresh IV per value, so equal values do not look equal", () => {
    expect(encryptPii(old, "same")).not.toBe(encryptPii(old, "same"));
  });

  it("refuses a changed ciphertext or a value relabelled to another key", () => {
    const stored = encryptPii(rotated, "secret");
    const [prefix, , iv, body] = stored.split(":");
    const flipped = `${body?.[0] === "A" ? "B" : "A"}${body?.slice(1)}`;
    expect(() => decryptPii(rotated, [prefix, "k2", iv, flipped].join(":"))).toThrow();
    expect(() => decryptPii(rotated, [prefix, "k1", iv, body].join(":"))).toThrow();
  });

  it("reads a value written before encryption as it is", () => {
    expect(decryptPii(old, "plain name")).toBe("plain name");
    expect(piiKeyIdOf("plain name")).toBeNull();
  });
});

describe("key rotation", () => {
  it("reads old values after a new key becomes active, and re-encrypts them under it", () => {
    const before = encryptPii(old, "090-1234-5678");
    expect(decryptPii(rotated, before)).toBe("090-1234-5678");
    const after = encryptPii(rotated, decryptPii(rotated, before));
    expect(piiKeyIdOf(after)).toBe("k2");
    expect(() => decryptPii(old, after)).toThrow(PiiKeyError);
  });

  it("finds an email indexed under any configured key", () => {
    const indexedBefore = activeEmailIndex(old, "Taro@Example.jp");
    expect(emailIndexes(rotated, " taro@example.jp ")).toContain(indexedBefore);
    expect(activeEmailIndex(rotated, "taro@example.jp")).not.toBe(indexedBefore);
  });
});

describe("parsePiiKeyring", () => {
  it("names the problem with a bad key list", () => {
    expect(() => parsePiiKeyring("k1:short")).toThrow(/32 bytes/);
    expect(() => parsePiiKeyring(`bad id:${K1}`)).toThrow(/key id/);
    expect(() => parsePiiKeyring(`k1:${K1}`, "k9")).toThrow(/PII_ACTIVE_KEY_ID/);
    expect(() => parsePiiKeyring("")).toThrow(/PII_ACTIVE_KEY_ID/);
  });

  it("makes the last key active unless one is named", () => {
    expect(rotated.activeKeyId).toBe("k2");
    expect(parsePiiKeyring(`k1:${K1},k2:${K2}`).activeKeyId).toBe("k2");
  });
});

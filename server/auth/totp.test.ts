import { describe, expect, it } from "vitest";
import {
  acceptTotp,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpCodeAt,
  totpUri,
} from "./totp.ts";

const secret = newTotpSecret();
const at = new Date("2027-01-15T09:00:10Z");
const seconds = (n: number) => new Date(at.getTime() + n * 1000);

describe("acceptTotp", () => {
  it("accepts the current code and one step either side, not two", async () => {
    const code = await totpCodeAt(secret, at);
    expect(await acceptTotp(secret, code, at, null)).toBe(Math.floor(at.getTime() / 30_000));
    expect(await acceptTotp(secret, code, seconds(30), null)).not.toBeNull();
    expect(await acceptTotp(secret, code, seconds(-30), null)).not.toBeNull();
    expect(await acceptTotp(secret, code, seconds(60), null)).toBeNull();
    expect(await acceptTotp(secret, code, seconds(-60), null)).toBeNull();
  });

  it("accepts a code once: the same step, or an earlier one, is refused after use", async () => {
    const code = await totpCodeAt(secret, at);
    const step = await acceptTotp(secret, code, at, null);
    expect(step).not.toBeNull();
    expect(await acceptTotp(secret, code, at, step)).toBeNull();
    const previous = await totpCodeAt(secret, seconds(-30));
    expect(await acceptTotp(secret, previous, at, step)).toBeNull();
    const next = await totpCodeAt(secret, seconds(30));
    expect(await acceptTotp(secret, next, seconds(30), step)).toBe((step ?? 0) + 1);
  });

  it("refuses malformed and wrong codes without throwing", async () => {
    expect(await acceptTotp(secret, "12ab56", at, null)).toBeNull();
    expect(await acceptTotp(secret, "", at, null)).toBeNull();
    const code = await totpCodeAt(secret, at);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(await acceptTotp(secret, wrong, at, null)).toBeNull();
    expect(await acceptTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at, null)).not.toBeNull();
  });

  it("names the issuer and the account in the enrolment URI", () => {
    expect(totpUri(secret, "a@demo.ops")).toMatch(/^otpauth:\/\/totp\/Ops%20Console:a%40demo\.ops\?secret=/);
  });
});

describe("recovery codes", () => {
  it("are distinct, shown once, and matched by hash however they are typed", () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    const [first = ""] = codes;
    expect(looksLikeRecoveryCode(first)).toBe(true);
    expect(recoveryCodeHash(` ${first.toUpperCase().replace("-", "")} `)).toBe(hashes[0]);
    expect(hashes[0]).not.toContain(first.replace("-", ""));
  });
});

import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifySignature } from "./signature.ts";
import { secret } from "./test-fixtures.ts";

const NOW = Date.now();
const body = Buffer.from(JSON.stringify({ specversion: "1.0", id: "e1" }));
const oldKey = secret("old", "courier_mobility", "old-key-0123456789");
const newKey = secret("new", "courier_mobility", "new-key-0123456789");
const otherSource = secret("other", "consumer_experience", "other-key-0123456789");

function signed(key: string, payload = body, at = new Date(NOW)) {
  const signature = new Webhook(`whsec_${Buffer.from(key).toString("base64")}`).sign("msg_1", at, payload);
  return { id: "msg_1", timestamp: String(Math.floor(at.getTime() / 1000)), signature };
}

describe("verifySignature", () => {
  it("verifies with either secret while a rotation overlaps, naming the secret and its source", () => {
    const candidates = [newKey, oldKey];
    expect(verifySignature(body, signed("old-key-0123456789"), candidates, NOW)).toEqual({
      ok: true,
      secretId: "old",
      source: "courier_mobility",
    });
    expect(verifySignature(body, signed("new-key-0123456789"), candidates, NOW)).toMatchObject({
      ok: true,
      secretId: "new",
    });
  });

  it("refuses a secret whose overlap has ended", () => {
    const expired = secret("old", "courier_mobility", "old-key-0123456789", NOW - 1);
    expect(verifySignature(body, signed("old-key-0123456789"), [newKey, expired], NOW)).toMatchObject({
      ok: false,
      field: "webhook-signature",
    });
  });

  it("names the other source whose secret signed", () => {
    expect(verifySignature(body, signed("other-key-0123456789"), [oldKey, otherSource], NOW)).toMatchObject({
      ok: true,
      source: "consumer_experience",
    });
  });

  it("refuses a timestamp 6 minutes old, and one 6 minutes ahead", () => {
    for (const offset of [-6, 6]) {
      const at = new Date(NOW + offset * 60_000);
      expect(verifySignature(body, signed("old-key-0123456789", body, at), [oldKey], NOW)).toMatchObject({
        ok: false,
        field: "webhook-timestamp",
      });
    }
  });

  it("accepts a timestamp 4 minutes old", () => {
    const at = new Date(NOW - 4 * 60_000);
    expect(verifySignature(body, signed("old-key-0123456789", body, at), [oldKey], NOW).ok).toBe(true);
  });

  it("refuses a tampered body", () => {
    const headers = signed("old-key-0123456789");
    const tampered = Buffer.from(body.toString().replace("e1", "e2"));
    expect(verifySignature(tampered, headers, [oldKey], NOW)).toMatchObject({
      ok: false,
      field: "webhook-signature",
    });
  });

  it("names a missing header", () => {
    const { id, signature } = signed("old-key-0123456789");
    expect(verifySignature(body, { id, timestamp: undefined, signature }, [oldKey], NOW)).toMatchObject({
      ok: false,
      field: "webhook-timestamp",
    });
    expect(verifySignature(body, { id: undefined, timestamp: "1", signature }, [oldKey], NOW)).toMatchObject({
      ok: false,
      field: "webhook-id",
    });
  });
});

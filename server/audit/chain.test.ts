import { describe, expect, it } from "vitest";
import { ChainVerifier, GENESIS_HASH, checkAnchor, entryHash, type ChainedEntry } from "./chain.ts";

function chain(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const fields = {
      seq: String(i * 2),
      occurredAt: `2026-12-06T10:00:0${i}.123000`,
      actorType: "user",
      actorId: i % 2 ? "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d" : null,
      action: "TicketCreated",
      entityType: "ticket",
      entityId: `t-${i}`,
      eventId: null,
      correlationId: `c-${i}`,
      details: `{"n": ${i}, "note": "ü"}`,
    };
    const hash = entryHash(prevHash, fields);
    entries.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

function verify(entries: ChainedEntry[]) {
  const verifier = new ChainVerifier();
  entries.forEach((entry) => verifier.check(entry));
  const last = entries.at(-1);
  verifier.checkHead(last ? { seq: last.seq, hash: last.hash } : { seq: "0", hash: GENESIS_HASH });
  return verifier.problems.map(({ seq, problem }) => `${seq} ${problem}`);
}

describe("entryHash", () => {
  const base = chain(1)[0]!;

  it("is hex SHA-256, stable for the same entry", () => {
    expect(entryHash(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, base)).toBe(base.hash);
  });

  it("tells null from empty and cannot be fooled by moving text between fields", () => {
    expect(entryHash(GENESIS_HASH, { ...base, actorId: null })).not.toBe(
      entryHash(GENESIS_HASH, { ...base, actorId: "" }),
    );
    const shifted = { ...base, entityType: "ticke", entityId: `t${base.entityId}` };
    expect(entryHash(GENESIS_HASH, shifted)).not.toBe(base.hash);
  });

  it("depends on the previous hash", () => {
    expect(entryHash("f".repeat(64), base)).not.toBe(base.hash);
  });
});

describe("ChainVerifier", () => {
  it("passes an intact chain, and an empty one", () => {
    expect(verify(chain(5))).toEqual([]);
    expect(verify([])).toEqual([]);
  });

  it("reports a changed entry once", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, details: '{"n": 999}' };
    expect(verify(entries)).toEqual(["6 changed"]);
  });

  it("reports a removed entry at the entry after it", () => {
    const entries = chain(5);
    entries.splice(2, 1);
    expect(verify(entries)).toEqual(["8 broken_link"]);
  });

  it("reports an inserted entry, even one hashed correctly, by the link after it", () => {
    const entries = chain(5);
    const before = entries[1]!;
    const forged = { ...before, seq: "5", entityId: "forged", prevHash: before.hash };
    forged.hash = entryHash(forged.prevHash, forged);
    entries.splice(2, 0, forged);
    expect(verify(entries)).toEqual(["6 broken_link"]);
  });

  it("reports entries removed from the end by the head", () => {
    const entries = chain(5);
    const verifier = new ChainVerifier();
    entries.slice(0, 4).forEach((entry) => verifier.check(entry));
    verifier.checkHead({ seq: entries[4]!.seq, hash: entries[4]!.hash });
    expect(verifier.problems.map((p) => p.problem)).toEqual(["head_mismatch"]);
  });
});

describe("checkAnchor", () => {
  it("accepts the anchored hash and reports a rewritten or missing entry", () => {
    const anchor = { seq: "4", hash: "a".repeat(64) };
    expect(checkAnchor(anchor, { hash: "a".repeat(64) })).toBeNull();
    expect(checkAnchor(anchor, { hash: "b".repeat(64) })?.problem).toBe("anchor_mismatch");
    expect(checkAnchor(anchor, null)?.detail).toMatch(/gone/);
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appendAuditEntry } from "../../server/audit/append.ts";
import { entryHash } from "../../server/audit/chain.ts";
import { readChainHead } from "../../server/audit/chain-repository.ts";
import { exportAuditPeriod } from "../../server/audit/export.ts";
import { verifyAuditChain } from "../../server/audit/verify.ts";
import { getDb } from "../../server/db/client.ts";
import type { Tx } from "../../server/db/transaction.ts";
import { withTransaction } from "../../server/db/transaction.ts";

// The tests connect as the server's superuser (postgres), as an attacker with full access would: the tampering
// runs in a transaction that is rolled back, so the rest of the suite keeps an intact chain.
const db = getDb();

async function entries(count: number, entityId = randomUUID()) {
  for (let i = 0; i < count; i++) {
    await appendAuditEntry(db, {
      actorType: "system",
      actorId: null,
      action: "ChainProbe",
      entityType: "chain_probe",
      entityId,
      details: { i, text: "naïve – ünïcødé", nested: { b: 2, a: [1, null] } },
    });
  }
  return db.auditLog.findMany({ where: { entityId }, orderBy: { seq: "asc" }, select: { seq: true } });
}

class Rollback extends Error {}

/** Tampers as a superuser who switched the table's triggers off, verifies, and rolls everything back. */
async function tampered(tamper: (tx: Tx) => Promise<unknown>) {
  let report: Awaited<ReturnType<typeof verifyAuditChain>> | undefined;
  await db
    .$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER ALL');
        await tamper(tx);
        await tx.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER ALL');
        report = await verifyAuditChain(tx);
        throw new Rollback();
      },
      { timeout: 60_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return report!.problems.map(({ seq, problem }) => ({ seq, problem }));
}

describe("audit hash chain", () => {
  it("chains every insert in the database, as server/audit/chain.ts recomputes it", async () => {
    await entries(3);
    const report = await verifyAuditChain(db);
    expect(report.problems).toEqual([]);
    expect(report.entries).toBeGreaterThanOrEqual(3);
    const head = await readChainHead(db);
    const last = await db.auditLog.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(head).toEqual({ seq: last.seq.toString(), hash: last.hash });
    expect(last.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stays one chain under concurrent writers, serializable ones included", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? entries(2)
          : withTransaction(
              db,
              (tx) =>
                tx.auditLog.create({
                  data: {
                    actorType: "system",
                    action: "ChainProbe",
                    entityType: "chain_probe",
                    entityId: `s-${i}`,
                    correlationId: "c",
                    details: {},
                  },
                }),
              { preset: "serializable", attempts: 10 },
            ),
      ),
    );
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it("detects a changed entry, even with the triggers off", async () => {
    const [, middle] = await entries(3);
    expect(
      await tampered(
        (tx) => tx.$executeRaw`UPDATE "AuditLog" SET details = '{"i": 99}' WHERE seq = ${middle!.seq}`,
      ),
    ).toEqual([{ seq: middle!.seq.toString(), problem: "changed" }]);
  });

  it("detects a deleted entry at the entry after it", async () => {
    const [, middle, after] = await entries(3);
    expect(await tampered((tx) => tx.$executeRaw`DELETE FROM "AuditLog" WHERE seq = ${middle!.seq}`)).toEqual(
      [{ seq: after!.seq.toString(), problem: "broken_link" }],
    );
  });

  it("detects an inserted entry, even one whose own hash is right", async () => {
    const [first, middle] = await entries(3);
    const forgedSeq = first!.seq + 1n; // seq has gaps: the chain trigger draws its own number
    const problems = await tampered(async (tx) => {
      const previous = await tx.auditLog.findFirstOrThrow({ where: { seq: first!.seq } });
      const fields = {
        seq: forgedSeq.toString(),
        occurredAt: "2026-12-06T10:00:00.000000",
        actorType: "user",
        actorId: null,
        action: "RefundApproved",
        entityType: "payment",
        entityId: "forged",
        eventId: null,
        correlationId: "forged",
        details: "{}",
      };
      const hash = entryHash(previous.hash, fields);
      await tx.$executeRaw`
        INSERT INTO "AuditLog" (seq, "occurredAt", "actorType", action, "entityType", "entityId", "correlationId",
                                details, "prevHash", hash)
        VALUES (${forgedSeq}, '2026-12-06T10:00:00', 'user', 'RefundApproved', 'payment', 'forged', 'forged',
                '{}', ${previous.hash}, ${hash})`;
    });
    expect(problems).toEqual([{ seq: middle!.seq.toString(), problem: "broken_link" }]);
  });

  it("detects entries removed from the end by the chain head", async () => {
    await entries(2);
    const last = await db.auditLog.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(await tampered((tx) => tx.$executeRaw`DELETE FROM "AuditLog" WHERE seq = ${last.seq}`)).toEqual([
      { seq: last.seq.toString(), problem: "head_mismatch" },
    ]);
  });

  it("exports a period as JSON lines ending with the chain head", async () => {
    const from = new Date(Date.now() - 60_000);
    await entries(2);
    const lines: string[] = [];
    const { entries: count, head } = await exportAuditPeriod(
      db,
      { from, to: new Date(Date.now() + 60_000) },
      (line) => {
        lines.push(line);
      },
    );
    expect(lines).toHaveLength(count + 1);
    const first = JSON.parse(lines[0]!) as { seq: string; hash: string; prevHash: string; details: unknown };
    expect(first).toMatchObject({
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: expect.any(Object),
    });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ chainHead: head, entries: count });
    expect((await verifyAuditChain(db, [head!])).problems).toEqual([]);
  });
});

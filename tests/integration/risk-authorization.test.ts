import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { ingestSignals } from "../../server/risk/ingest.ts";
import type { Role } from "../../server/auth/permissions.ts";
import { createUser } from "../support/fixtures.ts";
import { callerFor, newSubjectId, refundSignal, riskTestContext } from "../support/risk.ts";

const db = getDb();

async function newCase() {
  const subjectId = newSubjectId();
  await db.riskSubjectProfile.create({
    data: {
      subjectType: "consumer",
      subjectId,
      displayName: "山田 太郎",
      email: "taro.yamada@example.jp",
      phone: "090-1234-5678",
      cardLast4: "4242",
      address: "東京都渋谷区神南1-2-3",
    },
  });
  const [result] = await ingestSignals(db, riskTestContext(), { signals: [refundSignal(subjectId)] });
  return result?.caseId ?? "";
}

const MATRIX: [string, Role[], boolean][] = [
  ["support agent", ["support_agent"], false],
  ["city manager", ["city_manager"], false],
  ["support agent who is also a risk manager", ["support_agent", "risk_manager"], true],
  ["city manager who is also a risk manager", ["city_manager", "risk_manager"], true],
  ["risk manager", ["risk_manager"], true],
  ["admin", ["admin"], true],
];

describe("risk authorization", () => {
  it("refuses anonymous callers", async () => {
    await expect(callerFor(null).risk.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  for (const [name, roles, allowed] of MATRIX) {
    it(`${allowed ? `lets a ${name} work on` : `refuses a ${name}`} risk cases`, async () => {
      const caseId = await newCase();
      const api = callerFor(await createUser(roles));
      const attempts = [
        () => api.risk.list({}),
        () => api.risk.get({ caseId }),
        () => api.risk.history({ caseId }),
        () => api.risk.filterOptions(),
        () => api.risk.rules.list(),
        () => api.risk.acknowledge({ caseId }),
        () => api.risk.addAction({ caseId, action: { kind: "refund_review" } }),
        () => api.risk.rules.createDraft({}),
      ];
      for (const attempt of attempts) {
        if (allowed) await expect(attempt()).resolves.toBeDefined();
        else await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
      if (!allowed) expect(await db.mitigationAction.count({ where: { caseId } })).toBe(0);
    });
  }
});

describe("personal data", () => {
  it("is masked in the case, and revealed only with pii:view, each reveal audited", async () => {
    const caseId = await newCase();
    const manager = await createUser(["risk_manager"]);
    const detail = await callerFor(manager).risk.get({ caseId });
    expect(detail.profile).toMatchObject({
      displayName: "山* 太*",
      email: "t***@example.jp",
      phone: "•••-••••-5678",
      masked: true,
    });
    expect(JSON.stringify(detail)).not.toContain("taro.yamada");
    await expect(callerFor(manager).risk.revealPii({ caseId })).rejects.toMatchObject({ code: "FORBIDDEN" });

    for (const user of [await createUser(["risk_manager"], ["pii:view"]), await createUser(["admin"])]) {
      const profile = await callerFor(user).risk.revealPii({ caseId });
      expect(profile).toMatchObject({
        displayName: "山田 太郎",
        email: "taro.yamada@example.jp",
        masked: false,
      });
      const audit = await db.auditLog.findFirst({
        where: { entityId: caseId, action: "PiiRevealed", actorId: user.id },
      });
      expect(audit?.details).toMatchObject({
        fields: ["displayName", "email", "phone", "cardLast4", "address"],
      });
    }
  });
});

describe("case history", () => {
  it("cannot be altered or deleted, through Prisma or SQL", async () => {
    const caseId = await newCase();
    const manager = callerFor(await createUser(["risk_manager"]));
    await manager.risk.acknowledge({ caseId });
    const before = await manager.risk.history({ caseId });
    expect(before.items.map((e) => e.action)).toEqual(["RiskAcknowledged", "RiskDetected"]);

    await expect(
      db.auditLog.updateMany({ where: { entityId: caseId }, data: { action: "Tampered" } }),
    ).rejects.toThrow();
    await expect(db.auditLog.deleteMany({ where: { entityId: caseId } })).rejects.toThrow();
    await expect(db.$executeRaw`DELETE FROM "AuditLog" WHERE "entityId" = ${caseId}`).rejects.toThrow();
    await expect(
      db.$executeRaw`UPDATE "AuditLog" SET details = '{}' WHERE "entityId" = ${caseId}`,
    ).rejects.toThrow();

    const after = await manager.risk.history({ caseId });
    expect(after.items).toEqual(before.items);
  });
});

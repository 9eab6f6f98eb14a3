import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { ingestSignals } from "../../server/risk/ingest.ts";
import { levelRank } from "../../server/risk/types.ts";
import { createUser } from "../support/fixtures.ts";
import { callerFor, newSubjectId, refundSignal, riskTestContext } from "../support/risk.ts";

const db = getDb();

async function cityWithCases() {
  const code = randomUUID().slice(0, 6);
  const city = await db.city.create({
    data: { code, name: `City ${code}`, nameJa: `都市${code}`, latitude: 35, longitude: 139 },
  });
  const attributes: Record<string, number>[] = [
    { refundCount24h: 1 },
    { amountJpy: 12_000 },
    { refundCount24h: 4 },
    { refundCount24h: 4, amountJpy: 12_000 },
  ];
  for (const [i, extra] of [...attributes, ...attributes].entries()) {
    const signals = Array.from({ length: 1 + (i % 3) }, () =>
      refundSignal(newSubjectId(), { attributes: extra, cityId: city.id }),
    );
    await ingestSignals(db, riskTestContext(), {
      signals: signals.map((s) => ({ ...s, subjectId: signals[0]?.subjectId ?? s.subjectId })),
    });
  }
  return city.id;
}

describe("risk list", () => {
  it("pages through a city's cases once each, by level then score, with signal counts", async () => {
    const cityId = await cityWithCases();
    const api = callerFor(await createUser(["risk_manager"])).risk;
    const everything = await api.list({ cityId, limit: 200 });
    expect(everything.items).toHaveLength(8);
    const paged = [];
    let cursor: string | undefined;
    do {
      const page = await api.list({ cityId, limit: 3, cursor });
      paged.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged.map((c) => c.id)).toEqual(everything.items.map((c) => c.id));
    for (let i = 1; i < paged.length; i++) {
      const [a, b] = [paged[i - 1], paged[i]];
      if (a && b)
        expect(levelRank(a.level) * 1000 + a.score).toBeGreaterThanOrEqual(
          levelRank(b.level) * 1000 + b.score,
        );
    }
    const counts = await db.riskSignal.groupBy({
      by: ["caseId"],
      where: { case: { cityId } },
      _count: { _all: true },
    });
    const expected = new Map(counts.map((c) => [c.caseId, c._count._all]));
    expect(paged.map((c) => c.signalCount)).toEqual(paged.map((c) => expected.get(c.id)));
  });

  it("filters by level, owner and status", async () => {
    const cityId = await cityWithCases();
    const manager = await createUser(["risk_manager"]);
    const api = callerFor(manager).risk;
    const [first] = (await api.list({ cityId, level: ["high"] })).items;
    expect(first?.level).toBe("high");
    await api.acknowledge({ caseId: first?.id ?? "" });
    expect((await api.list({ cityId, owner: manager.id })).items.map((c) => c.id)).toEqual([first?.id]);
    expect((await api.list({ cityId, owner: "unassigned" })).items).toHaveLength(7);
    expect((await api.list({ cityId, status: ["closed"] })).items).toEqual([]);
    await expect(api.list({ cityId, cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // What an infinite query sends for its first page when it refetches.
    expect((await api.list({ cityId, cursor: null })).items).toHaveLength(8);
  });
});

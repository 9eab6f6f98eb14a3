import { afterEach, describe, expect, it } from "vitest";
import { GET as live } from "../../app/api/health/live/route.ts";
import { GET as ready } from "../../app/api/health/ready/route.ts";
import { GET as health } from "../../app/api/health/route.ts";
import { registerReadinessCheck } from "../../server/ops/readiness-checks.ts";
import packageJson from "../../package.json" with { type: "json" };

const removals: (() => void)[] = [];
afterEach(() => removals.splice(0).forEach((remove) => remove()));

async function read(response: Response | Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

describe("health endpoints", () => {
  it("readiness answers 200 with each check by name when the database is migrated", async () => {
    const { status, body } = await read(ready());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      version: packageJson.version,
      checks: {
        database: { ok: true, detail: { sessionTimeZone: "UTC" } },
        migrations: { ok: true, detail: { pending: 0 } },
      },
    });
    expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|127\.0\.0\.1|localhost/);
  });

  it("the original /api/health path answers as readiness", async () => {
    const { status, body } = await read(health());
    expect(status).toBe(200);
    expect(Object.keys(body.checks as object)).toEqual(expect.arrayContaining(["database", "migrations"]));
  });

  it("a failing registered check makes readiness 503 while liveness stays 200", async () => {
    removals.push(
      registerReadinessCheck("consumer-lag", async () => ({ ok: false, detail: { lagEvents: 5000 } })),
    );
    const notReady = await read(ready());
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({
      status: "degraded",
      checks: { database: { ok: true }, "consumer-lag": { ok: false, detail: { lagEvents: 5000 } } },
    });
    const alive = await read(live());
    expect(alive.status).toBe(200);
    expect(alive.body).toMatchObject({ status: "ok", version: packageJson.version });
  });

  it("a check that throws fails without its message; one that hangs times out", async () => {
    removals.push(
      registerReadinessCheck("throws", async () => {
        throw new Error("connect ECONNREFUSED postgresql://user:secret@db.internal:5432/ops");
      }),
      registerReadinessCheck("hangs", () => new Promise(() => {})),
    );
    const { status, body } = await read(ready());
    expect(status).toBe(503);
    expect(body).toMatchObject({
      checks: { throws: { ok: false, error: "failed" }, hangs: { ok: false, error: "timeout" } },
    });
    expect(JSON.stringify(body)).not.toMatch(/secret|db\.internal|ECONNREFUSED/);
  });

  it("readiness recovers once a failing check is removed", async () => {
    const remove = registerReadinessCheck("flaky", async () => ({ ok: false }));
    expect((await ready()).status).toBe(503);
    remove();
    expect((await ready()).status).toBe(200);
  });
});

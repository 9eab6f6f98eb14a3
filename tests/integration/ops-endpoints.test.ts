import { describe, expect, it } from "vitest";
import { GET as health } from "../../app/api/health/route.ts";
import { GET as metrics } from "../../app/api/metrics/route.ts";

describe("operability endpoints", () => {
  it("health reports database reachability, migrations and version without secrets", async () => {
    // The first call opens the pool and reads the migrations; on a busy machine that alone can pass the checks'
    // 2 s budget, and a probe simply asks again.
    await health();
    const response = await health();
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      checks: { database: { ok: true }, migrations: { ok: true, detail: { pending: 0 } } },
    });
    expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\//);
  });

  it("metrics need a token and then speak Prometheus", async () => {
    const anonymous = await metrics(new Request("http://localhost/api/metrics"));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
    const wrong = await metrics(
      new Request("http://localhost/api/metrics", { headers: { authorization: "Bearer wrong-token" } }),
    );
    expect(wrong.status).toBe(401);
    const ok = await metrics(
      new Request("http://localhost/api/metrics", {
        headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` },
      }),
    );
    expect(ok.status).toBe(200);
    const text = await ok.text();
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("ops_domain_events_last_seq");
  });
});

import { describe, expect, it } from "vitest";
import { POST } from "../../app/api/cron/[job]/route.ts";
import { JOBS } from "../../server/jobs/registry.ts";

const call = (job: string, authorized = true) =>
  POST(
    new Request(`http://localhost/api/cron/${job}`, {
      method: "POST",
      headers: authorized ? { authorization: `Bearer ${process.env.CRON_SECRET}` } : {},
    }),
    { params: Promise.resolve({ job }) },
  );

describe("POST /api/cron/<job>", () => {
  it("runs any registered job by its name, with the cron secret only", async () => {
    expect(JOBS.map((job) => job.name)).toContain("hub.source-silence");
    expect((await call("hub.source-silence", false)).status).toBe(401);
    const response = await call("hub.source-silence");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ job: "hub.source-silence" });
  });

  it("answers 404 naming the job for a name the registry does not hold", async () => {
    const response = await call("no.such-job");
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain('"no.such-job"');
  });
});

import { oncallSchedulesOverRest } from "@/server/api/rest/oncall";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** GET /api/operations/oncall/schedules — who is on call now and next on each schedule, and coverage gaps. */
export const GET = restRoute({ scope: "oncall:read", name: "oncall.schedules" }, async ({ db, service }) =>
  Response.json(await oncallSchedulesOverRest(db, service)),
);

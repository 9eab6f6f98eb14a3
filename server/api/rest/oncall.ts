import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { escalationStepDuePayload } from "../../events/payloads.ts";
import { AppError } from "../../lib/errors.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { acknowledgeObject } from "../../oncall/escalation-service.ts";
import { scheduleOverview } from "../../oncall/schedule-views.ts";

// On-call as integrations see it: who is on call now and next per schedule, and acknowledging an object's
// escalation by the object's type and id (the path names them; an unknown type names nothing: 404).

const person = z.object({ userId: z.uuid(), name: z.string() });
export const restOncallSchedules = z.object({
  schedules: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      teamId: z.uuid().nullable(),
      timezone: z.string(),
      now: person.extend({ until: z.date() }).nullable(),
      next: person.extend({ start: z.date(), end: z.date() }).nullable(),
      gapsNext14Days: z.number().int(),
    }),
  ),
});

export const restAcknowledged = z.object({
  objectType: z.string(),
  objectId: z.string(),
  /** Live escalations this call ended (0 when none was live: already acknowledged, resolved or never paged). */
  acknowledged: z.number().int(),
  acknowledgedAt: z.date().nullable(),
});

export const escalationObjectPath = z.object({
  objectType: escalationStepDuePayload.shape.objectType,
  objectId: z.string().min(1).max(100),
});

/** GET …/oncall/schedules */
export async function oncallSchedulesOverRest(db: Db, context: ServiceContext) {
  const schedules = await scheduleOverview(db, context);
  return restOncallSchedules.parse({
    schedules: schedules.map((s) => ({
      id: s.id,
      name: s.name,
      teamId: s.teamId,
      timezone: s.timezone,
      now: s.now ? { userId: s.now.userId, name: s.now.name, until: s.now.until } : null,
      next: s.next,
      gapsNext14Days: s.gapsNext14Days,
    })),
  });
}

/** POST …/escalations/{objectType}/{objectId}/acknowledge */
export async function acknowledgeOverRest(db: Db, context: ServiceContext, params: Record<string, string>) {
  const parsed = escalationObjectPath.safeParse(params);
  if (!parsed.success) {
    throw new AppError(
      "NOT_FOUND",
      `No escalating object is named "${params.objectType}/${params.objectId}".`,
      {
        details: { field: "objectType" },
      },
    );
  }
  const result = await acknowledgeObject(db, context, parsed.data);
  return { ...parsed.data, ...result };
}

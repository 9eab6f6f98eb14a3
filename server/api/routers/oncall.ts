import { z } from "zod";
import {
  acknowledgeInput,
  overrideInput,
  peopleInput,
  policyIdInput,
  policyInput,
  preferenceInput,
  removeOverrideInput,
  routeInput,
  scheduleIdInput,
  scheduleInput,
  swapInput,
  updatePolicyInput,
  updateScheduleInput,
  windowInput,
} from "../../oncall/contract.ts";
import {
  acknowledgeEscalation,
  listLive,
  myPreferences,
  saveMyPreferences,
} from "../../oncall/escalation-service.ts";
import {
  createPolicy,
  deletePolicy,
  policyList,
  routeTrigger,
  updatePolicy,
} from "../../oncall/policy-service.ts";
import {
  addOverride,
  createSchedule,
  deleteSchedule,
  removeOverride,
  swapShifts,
  updateSchedule,
} from "../../oncall/schedule-service.ts";
import { findPeople } from "../../oncall/people-service.ts";
import { scheduleOverview, scheduleTimeline } from "../../oncall/schedule-views.ts";
import {
  idView,
  liveEscalationView,
  personOption,
  policyListView,
  policyView,
  preferenceView,
  scheduleSummary,
  scheduleTimelineView,
  versionedIdView,
} from "../../oncall/view-contract.ts";
import { permissionProcedure, router } from "../trpc.ts";

const read = permissionProcedure("oncall:read");
const manage = permissionProcedure("oncall:manage");

export const oncallRouter = router({
  schedules: read.output(z.array(scheduleSummary)).query(({ ctx }) => scheduleOverview(ctx.db, ctx.service)),
  timeline: read
    .input(windowInput)
    .output(scheduleTimelineView)
    .query(({ ctx, input }) => scheduleTimeline(ctx.db, ctx.service, input)),
  people: read
    .input(peopleInput)
    .output(z.array(personOption))
    .query(({ ctx, input }) => findPeople(ctx.db, ctx.service, input)),
  createSchedule: manage
    .input(scheduleInput)
    .output(versionedIdView)
    .mutation(({ ctx, input }) => createSchedule(ctx.db, ctx.service, input)),
  updateSchedule: manage
    .input(updateScheduleInput)
    .output(versionedIdView)
    .mutation(({ ctx, input }) => updateSchedule(ctx.db, ctx.service, input)),
  deleteSchedule: manage
    .input(scheduleIdInput)
    .output(idView)
    .mutation(({ ctx, input }) => deleteSchedule(ctx.db, ctx.service, input)),
  addOverride: manage
    .input(overrideInput)
    .output(idView)
    .mutation(({ ctx, input }) => addOverride(ctx.db, ctx.service, input)),
  removeOverride: manage
    .input(removeOverrideInput)
    .output(idView)
    .mutation(({ ctx, input }) => removeOverride(ctx.db, ctx.service, input)),
  // A lead swaps any two shifts; one of the two people may swap theirs (the service checks which).
  swapShifts: read
    .input(swapInput)
    .output(z.object({ swapGroup: z.uuid() }))
    .mutation(({ ctx, input }) => swapShifts(ctx.db, ctx.service, input)),

  policies: read.output(policyListView).query(({ ctx }) => policyList(ctx.db, ctx.service)),
  createPolicy: manage
    .input(policyInput)
    .output(policyView)
    .mutation(({ ctx, input }) => createPolicy(ctx.db, ctx.service, input)),
  updatePolicy: manage
    .input(updatePolicyInput)
    .output(policyView)
    .mutation(({ ctx, input }) => updatePolicy(ctx.db, ctx.service, input)),
  deletePolicy: manage
    .input(policyIdInput)
    .output(idView)
    .mutation(({ ctx, input }) => deletePolicy(ctx.db, ctx.service, input)),
  routeTrigger: manage
    .input(routeInput)
    .output(routeInput)
    .mutation(({ ctx, input }) => routeTrigger(ctx.db, ctx.service, input)),

  escalations: read.output(z.array(liveEscalationView)).query(({ ctx }) => listLive(ctx.db, ctx.service)),
  acknowledge: read
    .input(acknowledgeInput)
    .output(z.object({ acknowledged: z.number().int(), acknowledgedAt: z.date().nullable() }))
    .mutation(({ ctx, input }) => acknowledgeEscalation(ctx.db, ctx.service, input)),
  myPreferences: read.output(preferenceView).query(({ ctx }) => myPreferences(ctx.db, ctx.service)),
  savePreferences: read
    .input(preferenceInput)
    .output(preferenceView)
    .mutation(({ ctx, input }) => saveMyPreferences(ctx.db, ctx.service, input)),
});

import { z } from "zod";
import { policyLevel, rotationLayer } from "./contract.ts";
import { CHANNELS, SEVERITIES } from "./working-hours.ts";

// Output schemas of the on-call procedures (tRPC carries Date).

const person = z.object({ userId: z.uuid(), name: z.string() });

export const personOption = z.object({ userId: z.uuid(), name: z.string(), email: z.string() });

export const scheduleSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  teamId: z.uuid().nullable(),
  timezone: z.string(),
  version: z.number().int(),
  layers: z.array(rotationLayer),
  now: person.extend({ until: z.date(), source: z.enum(["override", "layer"]) }).nullable(),
  next: person.extend({ start: z.date(), end: z.date() }).nullable(),
  gapsNext14Days: z.number().int(),
});

export const scheduleTimelineView = z.object({
  id: z.uuid(),
  name: z.string(),
  timezone: z.string(),
  from: z.date(),
  to: z.date(),
  segments: z.array(
    z.object({
      start: z.date(),
      end: z.date(),
      person: person.nullable(),
      kind: z.enum(["rotation", "swap", "override", "gap"]),
    }),
  ),
  gaps: z.array(z.object({ start: z.date(), end: z.date() })),
  /** Each layer's shifts in the window (swaps applied): what a swap picks from. */
  shifts: z.array(
    z.object({ layerId: z.string(), layerName: z.string(), start: z.date(), end: z.date(), person }),
  ),
  overrides: z.array(
    z.object({ id: z.uuid(), person, startsAt: z.date(), endsAt: z.date(), reason: z.string() }),
  ),
});

const policyView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  levels: z.array(policyLevel),
  repeat: z.number().int(),
  version: z.number().int(),
  updatedAt: z.date(),
});

export const policyListView = z.object({
  policies: z.array(policyView),
  routes: z.array(z.object({ trigger: z.string(), policyId: z.uuid() })),
  builtIn: z.array(
    z.object({
      trigger: z.string(),
      name: z.string(),
      version: z.number().int(),
      levels: z.array(policyLevel),
      repeat: z.number().int(),
    }),
  ),
});
export { policyView };

export const liveEscalationView = z.object({
  id: z.uuid(),
  objectType: z.string(),
  objectId: z.string(),
  title: z.string(),
  path: z.string(),
  severity: z.string(),
  status: z.enum(["active", "exhausted"]),
  level: z.number().int(),
  stepsFired: z.number().int(),
  nextStepAt: z.date().nullable(),
  startedAt: z.date(),
});

export const preferenceView = z.object({
  userId: z.uuid(),
  timezone: z.string(),
  workDays: z.array(z.number().int()),
  workStartMin: z.number().int(),
  workEndMin: z.number().int(),
  quietStartMin: z.number().int().nullable(),
  quietEndMin: z.number().int().nullable(),
  channels: z.partialRecord(z.enum(SEVERITIES), z.array(z.enum(CHANNELS))),
});

export const idView = z.object({ id: z.uuid() });
export const versionedIdView = z.object({ id: z.uuid(), version: z.number().int() });

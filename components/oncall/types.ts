import type { z } from "zod";
import type {
  liveEscalationView,
  policyListView,
  preferenceView,
  scheduleSummary,
  scheduleTimelineView,
} from "@/server/oncall/view-contract";

export type ScheduleSummary = z.infer<typeof scheduleSummary>;
export type ScheduleTimeline = z.infer<typeof scheduleTimelineView>;
export type PolicyList = z.infer<typeof policyListView>;
export type LiveEscalation = z.infer<typeof liveEscalationView>;
export type Preferences = z.infer<typeof preferenceView>;
export type PolicyView = PolicyList["policies"][number];

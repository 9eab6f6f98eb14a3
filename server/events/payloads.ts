import { z } from "zod";

// Payloads that consumers in other domains read. The producer builds them; a consumer parses them with these
// schemas and depends on nothing else of the producer. A payload that fails its schema is a consumer failure
// (retried, then a dead letter), never a silent skip.

const localized = z.object({ en: z.string(), ja: z.string() });

export const alertTriggeredPayload = z.object({
  alertId: z.uuid(),
  ruleId: z.uuid(),
  ruleName: z.string(),
  metric: z.string(),
  cityId: z.uuid(),
  city: z.string(),
  severity: z.enum(["critical", "warning", "info"]),
  value: z.number().nullable(),
  /** The value as people read it ("42 min", "+35 %"); empty when there is none. */
  valueText: z.string(),
  metricLabel: localized,
  cityName: localized,
  firedAt: z.iso.datetime({ offset: true }),
  followUps: z.object({ ticket: z.boolean(), riskSignal: z.boolean() }),
});

export type AlertTriggeredPayload = z.infer<typeof alertTriggeredPayload>;

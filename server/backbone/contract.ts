import { z } from "zod";

const eventSeq = z.string().regex(/^\d{1,19}$/, "must be an event sequence number");

const deliveryKey = z.object({ consumer: z.string().min(1).max(100), eventSeq });

export const redriveInput = z.object({ deliveries: z.array(deliveryKey).min(1).max(500) });
export type RedriveInput = z.infer<typeof redriveInput>;

export const redriveResult = z.object({ redriven: z.number().int(), notDead: z.number().int() });

export const deadLettersInput = z.object({ limit: z.number().int().min(1).max(500).default(100) });

const deadLetter = z.object({
  consumer: z.string(),
  eventSeq,
  eventId: z.uuid(),
  eventType: z.string(),
  aggregateKey: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  failedAt: z.date().nullable(),
  occurredAt: z.date(),
});
export type DeadLetterDto = z.infer<typeof deadLetter>;

const consumerLagRow = z.object({
  consumer: z.string(),
  pending: z.number().int(),
  dead: z.number().int(),
  lagSeconds: z.number().int(),
});

export const backboneOverview = z.object({
  consumers: z.array(consumerLagRow),
  deadLetters: z.array(deadLetter),
});
export type BackboneOverview = z.infer<typeof backboneOverview>;

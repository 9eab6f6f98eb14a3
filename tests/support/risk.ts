import { randomUUID } from "node:crypto";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { logger } from "../../server/lib/logger.ts";
import { fixedClock, systemContext, type ServiceContext } from "../../server/lib/service-context.ts";
import { activeEmailIndex, encryptNullable, encryptPii } from "../../server/lib/pii-cipher.ts";
import { piiKeyring } from "../../server/lib/pii-keyring.ts";
import { verifiedSession } from "./sessions.ts";
import type { SignalInput } from "../../server/risk/contract.ts";

// Builders for the risk integration tests: every call gets fresh ids, so tests sharing one database never meet.

/** The system acting in a test, at `now` when given (a fixed clock), else at the real time. */
export const riskTestContext = (now?: Date): ServiceContext =>
  systemContext("risk-test", {
    correlationId: `test-${randomUUID()}`,
    ...(now ? { clock: fixedClock(now) } : {}),
  });

export const newSubjectId = () => `cus_${randomUUID().slice(0, 12)}`;

/** A refund-abuse signal worth 40 points alone (3+ refunds: 25, ≥ ¥10,000: 15) under the default rules. */
export function refundSignal(subjectId: string, overrides: Partial<SignalInput> = {}): SignalInput {
  return {
    sourceEventId: `evt-${randomUUID()}`,
    type: "refund_abuse",
    subjectType: "consumer",
    subjectId,
    attributes: { refundCount24h: 4, amountJpy: 12_000 },
    observedAt: new Date(),
    ...overrides,
  };
}

export function callerFor(user: SessionUser | null) {
  const session = verifiedSession(user);
  const ctx: Context = { db: getDb(), user, session, correlationId: `test-${randomUUID()}`, log: logger };
  return createCaller(ctx);
}

/** A support ticket (with the team and calendar it needs) about an order. */
export async function createTicket(orderRef: string | null, requesterEmail: string | null = null) {
  const db = getDb();
  const key = randomUUID().slice(0, 8);
  const calendar = await db.businessCalendar.create({
    data: {
      name: `cal-${key}`,
      timezone: "Asia/Tokyo",
      dayStartMin: 540,
      dayEndMin: 1080,
      workDays: [1, 2, 3, 4, 5],
    },
  });
  const team = await db.team.create({
    data: { key: `team-${key}`, name: "Risk fixtures", nameJa: "リスク", calendarId: calendar.id },
  });
  return db.ticket.create({
    data: {
      subject: `Refund question ${key}`,
      description: "Customer asks about a refund.",
      priority: "P3",
      category: "refund_request",
      source: "consumer",
      teamId: team.id,
      // Stored as the app stores it: encrypted, with the blind index related-ticket lookups match on.
      requesterName: encryptPii(piiKeyring(), "Fixture"),
      requesterEmail: encryptNullable(piiKeyring(), requesterEmail),
      requesterEmailIndex: activeEmailIndex(piiKeyring(), requesterEmail),
      orderRef,
    },
  });
}

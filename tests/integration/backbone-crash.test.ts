import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { recordEvents } from "../../server/events/record.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { supportTeams } from "../support/tickets.ts";
import { createCity } from "../support/cities.ts";
import { exited, startWorker, waitUntil } from "../support/workers.ts";

// kill -9 of a process while its consumers have work: after a restart every effect exists exactly once.

const db = getDb();
const EVENTS = 40;

describe("consumers across a crash", () => {
  it("loses nothing and does nothing twice when the process is killed mid-work", async () => {
    await supportTeams();
    const city = await createCity();
    const alertIds = Array.from({ length: EVENTS }, () => randomUUID());
    const externalIds = alertIds.map((id) => `alert:${id}`);
    const recorded = await db.$transaction((tx) =>
      recordEvents(
        tx,
        systemContext("crash-test"),
        alertIds.map((alertId) => ({
          type: "AlertTriggered" as const,
          aggregateType: "alert",
          aggregateId: alertId,
          payload: {
            alertId,
            ruleId: randomUUID(),
            ruleName: "Crash test rule",
            metric: "avg_delivery_minutes",
            cityId: city.id,
            city: city.code,
            severity: "warning",
            value: 50,
            valueText: "50 min",
            metricLabel: { en: "Average delivery time", ja: "平均配達時間" },
            cityName: { en: city.name, ja: city.nameJa },
            firedAt: new Date().toISOString(),
            followUps: { ticket: true, riskSignal: false },
          },
        })),
      ),
    );
    const tickets = () => db.ticket.count({ where: { externalId: { in: externalIds } } });
    // A handled delivery is deleted: delivered is what no longer waits.
    const delivered = async () =>
      EVENTS -
      (await db.eventDelivery.count({
        where: { consumer: "tickets.alert-tickets", eventId: { in: recorded.map((e) => e.id) } },
      }));

    const first = startWorker("tests/support/consumer-worker.ts");
    await waitUntil(async () => (await tickets()) >= 8, 60_000);
    first.kill("SIGKILL");
    await exited(first);
    // Killed with work left: the restart has something to resume.
    expect(await delivered()).toBeLessThan(EVENTS);

    const second = startWorker("tests/support/consumer-worker.ts");
    try {
      await waitUntil(async () => (await delivered()) === EVENTS, 60_000);
    } finally {
      second.kill("SIGKILL");
      await exited(second);
    }

    expect(await tickets()).toBe(EVENTS);
    const created = await db.domainEvent.count({
      where: {
        type: "TicketCreated",
        aggregateId: {
          in: (
            await db.ticket.findMany({ where: { externalId: { in: externalIds } }, select: { id: true } })
          ).map((t) => t.id),
        },
      },
    });
    expect(created).toBe(EVENTS);
  });
});

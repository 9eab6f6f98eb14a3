import { describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { recordEvent } from "../../server/events/record.ts";
import { logger } from "../../server/lib/logger.ts";
import { createUser } from "../support/fixtures.ts";

const callerFor = (user: SessionUser, signal: AbortSignal) =>
  createCaller({ db: getDb(), user, correlationId: "live-test", log: logger } satisfies Context, { signal });

async function emit(
  aggregateType: string,
  aggregateId: string,
  type: "TicketUpdated" | "NotificationDelivered" = "TicketUpdated",
) {
  await getDb().$transaction((tx) =>
    recordEvent(
      tx,
      { actor: { type: "system", id: null }, correlationId: "live-test" },
      {
        type,
        aggregateType,
        aggregateId,
        payload: type === "NotificationDelivered" ? { recipientUserId: "someone" } : {},
      },
    ),
  );
}

async function firstEvents(
  user: SessionUser,
  types: ("ticket" | "risk_case")[],
  emitAll: () => Promise<void>,
  count: number,
  deliveryNudges = false,
) {
  const controller = new AbortController();
  const stream = await callerFor(user, controller.signal).live.events({
    aggregateTypes: types,
    deliveryNudges,
  });
  const received: { aggregateType: string; aggregateId: string }[] = [];
  const reading = (async () => {
    for await (const event of stream) {
      received.push(event);
      if (received.length >= count) break;
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await emitAll();
  await reading;
  controller.abort();
  return received;
}

describe("live.events subscription", () => {
  it("pushes committed events the user may see, and only those", async () => {
    const agent = await createUser(["support_agent"]);
    const received = await firstEvents(
      agent,
      ["risk_case", "ticket"],
      async () => {
        await emit("risk_case", "hidden-risk");
        await emit("ticket", "visible-ticket");
      },
      1,
    );
    expect(received).toEqual([
      expect.objectContaining({ aggregateType: "ticket", aggregateId: "visible-ticket" }),
    ]);
  });

  it("nudges about a delivered notification when asked, naming nothing", async () => {
    const agent = await createUser(["support_agent"]);
    const received = await firstEvents(
      agent,
      ["risk_case"],
      async () => {
        await emit("ticket", "not-followed", "NotificationDelivered");
        await emit("risk_case", "hidden-risk");
        await emit("ticket", "followed-later", "NotificationDelivered");
      },
      2,
      true,
    );
    expect(received).toEqual([
      {
        seq: expect.any(String),
        type: "NotificationDelivered",
        aggregateType: "notification",
        aggregateId: "",
      },
      {
        seq: expect.any(String),
        type: "NotificationDelivered",
        aggregateType: "notification",
        aggregateId: "",
      },
    ]);
  });

  it("refuses anonymous subscribers", async () => {
    const anonymous = createCaller({ db: getDb(), user: null, correlationId: "x", log: logger });
    await expect(anonymous.live.events({ aggregateTypes: ["ticket"] })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

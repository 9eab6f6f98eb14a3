import { describe, expect, it } from "vitest";
import { CONSUMER_SUBSCRIPTIONS, SUBSCRIBERS_BY_TYPE } from "./subscriptions.ts";

// The wake-up map is the subscription list read the other way round: nothing more, nothing less.
describe("subscribers by event type", () => {
  it("names exactly the consumers whose subscription lists the type", () => {
    const pairs = [...SUBSCRIBERS_BY_TYPE].flatMap(([type, consumers]) =>
      consumers.map((c) => `${c} ${type}`),
    );
    const expected = Object.entries(CONSUMER_SUBSCRIPTIONS).flatMap(([consumer, types]) =>
      types.map((type) => `${consumer} ${type}`),
    );
    expect(pairs.sort()).toEqual(expected.sort());
    expect(SUBSCRIBERS_BY_TYPE.get("TicketCreated")).toEqual(
      expect.arrayContaining(["oncall.tickets", "reports.ticket-facts", "incidents.correlation"]),
    );
  });
});

import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { emailConfig, pagerdutyConfig, slackConfig, webhookConfig } from "./channel-config.ts";
import { buildEmail } from "./email.ts";
import { consoleUrl } from "./message.ts";
import { buildPagerdutyRequest, dedupKeyFor, pagerdutyOutcome } from "./pagerduty.ts";
import { pagerdutySignature, readAcknowledgement, verifyPagerdutySignature } from "./pagerduty-webhook.ts";
import { buildSlackRequest, slackOutcome } from "./slack.ts";
import type { OutgoingMessage } from "./types.ts";
import { buildWebhookRequest, subscriberHears } from "./webhook.ts";

const NOW = new Date("2026-12-06T14:03:00Z");
const message: OutgoingMessage = {
  deliveryId: "0193a1b2-0000-7000-8000-000000000001",
  objectType: "ticket",
  objectId: "t-1042",
  step: "esc-1:0:0",
  action: "trigger",
  severity: "critical",
  title: "P1 ticket #1042 breaches first response in 10 min",
  url: consoleUrl("https://ops.example.com", "/tickets/t-1042"),
};

describe("message", () => {
  it("links back under the console's base URL", () => {
    expect(message.url).toBe("https://ops.example.com/tickets/t-1042");
    expect(consoleUrl("http://localhost:3000/", "/risk/cases/1")).toBe("http://localhost:3000/risk/cases/1");
  });
});

describe("Slack", () => {
  it("posts the Block Kit message to the incoming webhook URL held as the secret", () => {
    const request = buildSlackRequest(message, slackConfig.parse({}), "https://hooks.slack.test/T/B/x");
    expect(request.url).toBe("https://hooks.slack.test/T/B/x");
    const body = JSON.parse(request.body);
    expect(body.text).toBe("[Critical] P1 ticket #1042 breaches first response in 10 min");
    expect(body.blocks[1].elements[0].url).toBe(message.url);
  });

  it("calls chat.postMessage with the bot token and reads ok:false answers", () => {
    const config = slackConfig.parse({
      mode: "bot",
      channel: "#pages",
      apiBaseUrl: "http://127.0.0.1:9/api",
    });
    const request = buildSlackRequest(message, config, "xoxb-1", "ja");
    expect(request.url).toBe("http://127.0.0.1:9/api/chat.postMessage");
    expect(request.headers.authorization).toBe("Bearer xoxb-1");
    expect(JSON.parse(request.body)).toMatchObject({
      channel: "#pages",
      text: expect.stringContaining("[緊急]"),
    });
    const answer = (body: unknown) => ({ status: 200, headers: {}, body: JSON.stringify(body) });
    expect(slackOutcome(answer({ ok: true, ts: "1.2" }), config, NOW)).toMatchObject({
      kind: "delivered",
      receipt: "1.2",
    });
    expect(slackOutcome(answer({ ok: false, error: "channel_not_found" }), config, NOW).kind).toBe(
      "permanent",
    );
    expect(slackOutcome(answer({ ok: false, error: "internal_error" }), config, NOW).kind).toBe("retry");
  });

  it("honours Retry-After on 429", () => {
    const outcome = slackOutcome(
      { status: 429, headers: { "retry-after": "30" }, body: "" },
      slackConfig.parse({}),
      NOW,
    );
    expect(outcome).toMatchObject({ kind: "retry", afterMs: 30_000 });
  });
});

describe("PagerDuty Events v2", () => {
  const config = pagerdutyConfig.parse({});

  it("triggers with the dedup key, mapped severity and a link back", () => {
    const request = buildPagerdutyRequest(message, config, "R0UTING", dedupKeyFor("ticket", "t-1042", 2));
    expect(request.url).toBe("https://events.pagerduty.com/v2/enqueue");
    const event = JSON.parse(request.body);
    expect(event).toMatchObject({
      routing_key: "R0UTING",
      event_action: "trigger",
      dedup_key: "ops-console:ticket:t-1042:2",
      payload: { severity: "critical", source: "ops-console", summary: message.title },
      links: [{ href: message.url }],
    });
    const high = JSON.parse(buildPagerdutyRequest({ ...message, severity: "high" }, config, "R", "k").body);
    expect(high.payload.severity).toBe("error");
  });

  it("sends acknowledge and resolve with the key alone", () => {
    const event = JSON.parse(buildPagerdutyRequest({ ...message, action: "resolve" }, config, "R", "k").body);
    expect(event).toEqual({ routing_key: "R", event_action: "resolve", dedup_key: "k" });
  });

  it("keeps the dedup_key PagerDuty answers with as the receipt", () => {
    const answer = { status: 202, headers: {}, body: JSON.stringify({ status: "success", dedup_key: "k" }) };
    expect(pagerdutyOutcome(answer, NOW)).toMatchObject({ kind: "delivered", receipt: "k" });
    expect(pagerdutyOutcome({ status: 400, headers: {}, body: "{}" }, NOW).kind).toBe("permanent");
  });
});

describe("PagerDuty webhooks v3", () => {
  const body = JSON.stringify({
    event: {
      id: "01ABC",
      event_type: "incident.acknowledged",
      occurred_at: "2026-12-06T14:05:00.000Z",
      agent: { id: "PUSER", summary: "Aoi Tanaka" },
      data: { id: "Q1", type: "incident", incident_key: "ops-console:ticket:t-1042:1" },
    },
  });

  it("accepts a body signed with any active secret and refuses a changed one", () => {
    const header = `v1=deadbeef, ${pagerdutySignature("new-secret", body)}`;
    expect(verifyPagerdutySignature(header, body, ["old-secret", "new-secret"])).toBe(true);
    expect(verifyPagerdutySignature(header, `${body} `, ["new-secret"])).toBe(false);
    expect(verifyPagerdutySignature(null, body, ["new-secret"])).toBe(false);
  });

  it("reads acknowledgements and nothing else", () => {
    expect(readAcknowledgement(JSON.parse(body))).toEqual({
      eventId: "01ABC",
      dedupKey: "ops-console:ticket:t-1042:1",
      at: "2026-12-06T14:05:00.000Z",
      agent: "Aoi Tanaka",
    });
    const resolved = JSON.parse(body);
    resolved.event.event_type = "incident.resolved";
    expect(readAcknowledgement(resolved)).toBeNull();
  });
});

describe("Standard Webhooks", () => {
  it("signs so that the subscriber's library verifies it", () => {
    const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
    const config = webhookConfig.parse({ url: "http://127.0.0.1:9/hook" });
    const request = buildWebhookRequest(message, config, secret, new Date());
    const verified = new Webhook(secret).verify(request.body, request.headers) as {
      data: { objectId: string };
    };
    expect(verified.data.objectId).toBe("t-1042");
    expect(() =>
      new Webhook(secret).verify(request.body.replace("t-1042", "t-1"), request.headers),
    ).toThrow();
    expect(subscriberHears(webhookConfig.parse({ url: "http://x", objectTypes: ["alert"] }), "ticket")).toBe(
      false,
    );
  });
});

describe("e-mail", () => {
  it("writes HTML and text in the recipient's language", () => {
    const config = emailConfig.parse({ host: "127.0.0.1", from: "Ops <pages@ops.example.com>" });
    const mail = buildEmail(message, config, {
      userId: "u",
      name: "Aoi",
      email: "aoi@example.com",
      locale: "ja",
    });
    expect(mail.subject).toBe("[緊急] P1 ticket #1042 breaches first response in 10 min");
    expect(mail.text).toContain("コンソールで開く: https://ops.example.com/tickets/t-1042");
    expect(mail.html).toContain('<a href="https://ops.example.com/tickets/t-1042">');
    expect(mail.messageId).toBe(`<${message.deliveryId}@ops.example.com>`);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { SOURCE_KEYS } from "../hub/catalogue.ts";
import { DEMO_EVENT_SOURCES } from "./event-sources.ts";

describe("the demo event sources", () => {
  it("are the catalogue's sources, each with its own secret", () => {
    expect(DEMO_EVENT_SOURCES.map((source) => source.key)).toEqual([...SOURCE_KEYS]);
    expect(new Set(DEMO_EVENT_SOURCES.map((source) => source.secret)).size).toBe(SOURCE_KEYS.length);
  });

  it("have secrets the Standard Webhooks library signs and verifies with", () => {
    for (const { secret } of DEMO_EVENT_SOURCES) {
      const webhook = new Webhook(secret);
      const at = new Date();
      const body = JSON.stringify({ ok: true });
      const signature = webhook.sign("msg_1", at, body);
      const headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": signature,
      };
      expect(webhook.verify(body, headers)).toEqual({ ok: true });
    }
  });

  it("are printed in the README as the seed makes them", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    for (const source of DEMO_EVENT_SOURCES) {
      expect(readme).toContain(`| \`${source.key}\``);
      expect(readme).toContain(source.secret);
    }
  });
});

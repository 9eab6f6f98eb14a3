import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_API_CLIENT } from "../server/seed/demo-accounts";
import { storageStateFor } from "./accounts";
import { e2eDatabase } from "./database";
import { passStepUpIfAsked } from "./step-up";

// The event backbone as an admin sees it: an alert's ticket opened by the consumer, not by the request that
// raised the alert; and a delivery that failed until the data was fixed, redriven from the admin screen.

test.use({ storageState: storageStateFor("admin") });

const BUCKET_MS = 5 * 60_000;

async function bearer(request: APIRequestContext, scope: string): Promise<string> {
  const basic = Buffer.from(`${DEMO_API_CLIENT.clientId}:${DEMO_API_CLIENT.clientSecret}`).toString("base64");
  const response = await request.post("/api/oauth/token", {
    headers: { authorization: `Basic ${basic}` },
    form: { grant_type: "client_credentials", scope },
  });
  expect(response.status()).toBe(200);
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

test("an alert whose rule opens a ticket gets its ticket from the consumer, live in the queue", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const token = `e2ebackbone${Date.now()}`;
  await page.goto("/cities/rules/new");
  await page.getByTestId("rule-name").fill(`Nagoya ${token}`);
  await page.getByTestId("rule-city").selectOption({ label: "Nagoya (NGO)" });
  await page.getByTestId("rule-threshold").fill("80");
  await page.getByTestId("rule-forMinutes").fill("0");
  await page.getByTestId("rule-keepFiringMinutes").fill("60");
  await page.getByTestId("rule-opensTicket").check();
  await page.getByTestId("rule-save").click();
  await expect(page).toHaveURL(/\/cities\/rules$/);

  await page.goto(`/tickets?q=${token}`);
  await expect(page.getByTestId("queue-empty")).toBeVisible();

  const current = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
  const ingest = await request.post("/api/operations/cities/indicators", {
    headers: { authorization: await bearer(request, "cities:write") },
    data: {
      points: [current - BUCKET_MS, current].map((t) => ({
        city: "NGO",
        metric: "avg_delivery_minutes",
        bucketStart: new Date(t).toISOString(),
        value: 97,
      })),
    },
  });
  expect(ingest.status()).toBe(200);
  expect(
    ((await ingest.json()) as { alerts: { triggered: number } }).alerts.triggered,
  ).toBeGreaterThanOrEqual(1);

  const row = page.getByTestId("queue-row").filter({ hasText: token });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("Nagoya");
});

test("an admin redrives a dead-lettered event once its cause is fixed, and the ticket appears", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const token = `e2eredrive${Date.now()}`;
  const code = "QZQ";
  const alertId = randomUUID();
  const db = await e2eDatabase();
  try {
    // An alert from a city the console does not know yet: its ticket cannot be opened, so the consumer's
    // delivery fails, is retried, and becomes a dead letter (CONSUMER_MAX_ATTEMPTS=2 in this suite).
    const payload = {
      alertId,
      ruleId: randomUUID(),
      ruleName: `Unknown city ${token}`,
      metric: "avg_delivery_minutes",
      cityId: randomUUID(),
      city: code,
      severity: "warning",
      value: 61,
      valueText: "61 min",
      metricLabel: { en: "Average delivery time", ja: "平均配達時間" },
      cityName: { en: "Quiz City", ja: "クイズ市" },
      firedAt: new Date().toISOString(),
      followUps: { ticket: true, riskSignal: false },
    };
    const {
      rows: [event],
    } = await db.query<{ seq: string; id: string }>(
      `INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "correlationId")
       VALUES (gen_random_uuid(), 'AlertTriggered', 'alert', $1, $2, 'system', $3) RETURNING seq::text, id::text`,
      [alertId, JSON.stringify(payload), `e2e-${token}`],
    );
    await db.query(
      `INSERT INTO "EventDelivery" (consumer, "eventSeq", "eventId", "eventType", "aggregateKey")
       VALUES ('tickets.alert-tickets', $1, $2, 'AlertTriggered', $3)`,
      [event!.seq, event!.id, `alert:${alertId}`],
    );

    await page.goto("/admin/events");
    const dead = page.locator(`[data-testid="backbone-dead-letter"][data-event-id="${event!.id}"]`);
    await expect(dead).toBeVisible({ timeout: 30_000 });
    await expect(dead).toContainText(code);

    // The city is added (the cause fixed); the admin sends the event back to its consumer.
    await db.query(
      `INSERT INTO "City" (id, code, name, "nameJa", latitude, longitude) VALUES (gen_random_uuid(), $1, 'Quiz City', 'クイズ市', 35, 139)`,
      [code],
    );
    await dead.getByTestId("backbone-redrive").click();
    await passStepUpIfAsked(page, "admin");
    await expect(page.getByTestId("backbone-notice")).toContainText(/1 delivery/);
    await expect(dead).toHaveCount(0, { timeout: 15_000 });

    await page.goto(`/tickets?q=${token}`);
    await expect(page.getByTestId("queue-row").filter({ hasText: token })).toBeVisible({ timeout: 15_000 });
  } finally {
    await db.end();
  }
});

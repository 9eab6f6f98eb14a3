import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_API_CLIENT } from "../server/seed/demo-accounts";
import { storageStateFor } from "./accounts";
import { e2eDatabase } from "./database";
import { passStepUpIfAsked } from "./step-up";

// The Event hub as an admin sees it: an event from another unit arrives through POST /api/operations/events;
// a safety incident from a city the console does not know yet is dead-lettered (its ticket cannot be opened);
// once the city exists the admin dry-runs the replay, confirms it, and the P1 ticket appears in an open queue
// without a reload.

test.use({ storageState: storageStateFor("admin") });

const SOURCE = "courier_mobility";

async function bearer(request: APIRequestContext): Promise<string> {
  const basic = Buffer.from(`${DEMO_API_CLIENT.clientId}:${DEMO_API_CLIENT.clientSecret}`).toString("base64");
  const response = await request.post("/api/oauth/token", {
    headers: { authorization: `Basic ${basic}` },
    form: { grant_type: "client_credentials", scope: "events:write" },
  });
  expect(response.status()).toBe(200);
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

async function send(request: APIRequestContext, authorization: string, event: object): Promise<string> {
  const response = await request.post("/api/operations/events", {
    headers: { authorization, "content-type": "application/cloudevents+json" },
    data: JSON.stringify(event),
  });
  expect(response.status()).toBe(202);
  const { receiptId } = (await response.json()) as { receiptId: string };
  expect(receiptId).toMatch(/^[0-9a-f-]{36}$/);
  return receiptId;
}

const safetyIncident = (token: string, cityCode: string) => ({
  specversion: "1.0",
  id: randomUUID(),
  source: SOURCE,
  type: "SafetyIncidentReported",
  time: new Date().toISOString(),
  data: {
    incidentId: `inc-${token}`,
    courierId: `courier-${token}`,
    cityCode,
    severity: "serious",
    description: `Courier fell at a crossing ${token}`,
    occurredAt: new Date().toISOString(),
  },
});

test("an admin sees an event arrive, and replays a dead-lettered one whose ticket then appears live", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const token = `e2ehub${Date.now()}`;
  const code = "QZH";
  const authorization = await bearer(request);

  await page.goto("/admin/hub");
  const source = page.locator(`[data-testid="hub-source"][data-source="${SOURCE}"]`);
  await expect(source).toBeVisible();
  const lastEvent = source.getByTestId("hub-source-last-event");
  const before = (await lastEvent.textContent()) ?? "";

  // An event that routes: the source's last event moves, live.
  await send(request, authorization, safetyIncident(`e2earrive${Date.now()}`, "TYO"));
  await expect(lastEvent).not.toHaveText(before, { timeout: 15_000 });

  // An event about a city the console does not know: the ticket it asks for is refused, so it is dead-lettered.
  const receiptId = await send(request, authorization, safetyIncident(token, code));
  const dead = page.locator(`[data-testid="hub-dead-letter"][data-receipt-id="${receiptId}"]`);
  await expect(dead).toBeVisible({ timeout: 30_000 });
  await expect(dead).toContainText(code);

  // A queue filtered to the token, open beside the hub: nothing yet.
  const queue = await context.newPage();
  await queue.goto(`/tickets?q=${token}`);
  await expect(queue.getByTestId("queue-empty")).toBeVisible();

  const db = await e2eDatabase();
  try {
    await db.query(
      `INSERT INTO "City" (id, code, name, "nameJa", latitude, longitude)
       VALUES (gen_random_uuid(), $1, 'Hub City', 'ハブ市', 35, 139)`,
      [code],
    );
  } finally {
    await db.end();
  }

  // Dry run first: the replay would open a ticket; nothing is written until the admin confirms.
  await dead.getByTestId("hub-replay-row").click();
  const planned = page.locator(`[data-testid="hub-dry-run-row"][data-receipt-id="${receiptId}"]`);
  await expect(planned).toHaveAttribute("data-outcome", "route");
  await expect(planned.locator('[data-testid="hub-dry-run-effect"][data-kind="ticket"]')).toBeVisible();
  await expect(dead).toBeVisible();

  await page.getByTestId("hub-replay-confirm").click();
  await passStepUpIfAsked(page, "admin");
  await expect(page.getByTestId("hub-notice")).toContainText(/1 event/);
  await expect(dead).toHaveCount(0, { timeout: 15_000 });

  const row = queue.getByTestId("queue-row").filter({ hasText: token });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("P1");
});

test("the event catalogue is readable by every signed-in user", async ({ browser }) => {
  const agent = await browser.newContext({ storageState: storageStateFor("agent") });
  try {
    const page = await agent.newPage();
    await page.goto("/events/catalogue");
    const entry = page.locator('[data-testid="catalogue-entry"][data-type="OrderCancellationRequested"]');
    await expect(entry).toBeVisible();
    await expect(entry).toContainText("cityCode");
    await expect(page.getByTestId("catalogue-entry")).toHaveCount(8);
  } finally {
    await agent.close();
  }
});

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { DEMO_API_CLIENT } from "../server/seed/demo-accounts";
import { storageStateFor } from "./accounts";
import { e2eDatabase } from "./database";
import { passStepUpIfAsked } from "./step-up";

// Issue 14: an admin points a Slack channel at a local receiver and puts the demo agent on the consumer team's
// rotation; the agent pages critical on Slack; a P1 ticket inside its first-response warning window pages the
// agent (the receiver gets the post, the ticket's delivery log shows it); acknowledging on /oncall stops the
// escalation: it leaves the live list and the receiver gets no second page.
// Timing is driven, not waited for: the watch's check time is pulled to now and the on-call job is called through
// POST /api/cron/oncall.escalations with the local cron secret.

test.use({ storageState: storageStateFor("admin") });
test.describe.configure({ mode: "serial" });

interface Post {
  path: string;
  body: string;
}

const posts: Post[] = [];
let receiver: Server;
let receiverUrl = "";

test.beforeAll(async () => {
  // A Slack incoming webhook: records each post and answers "ok" as Slack does.
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      posts.push({ path: req.url ?? "", body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T0/B0/e2e`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const cronSecret = () =>
  (JSON.parse(readFileSync(".data/e2e/secrets.json", "utf8")) as { cronSecret: string }).cronSecret;

async function runOncallJob(request: APIRequestContext) {
  const response = await request.post("/api/cron/oncall.escalations", {
    headers: { authorization: `Bearer ${cronSecret()}` },
  });
  expect(response.status()).toBe(200);
}

async function bearer(request: APIRequestContext): Promise<string> {
  const basic = Buffer.from(`${DEMO_API_CLIENT.clientId}:${DEMO_API_CLIENT.clientSecret}`).toString("base64");
  const response = await request.post("/api/oauth/token", {
    headers: { authorization: `Basic ${basic}` },
    form: { grant_type: "client_credentials" },
  });
  expect(response.status()).toBe(200);
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

async function queryOne<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
  const db = await e2eDatabase();
  try {
    return (await db.query(sql, params)).rows[0] as T | undefined;
  } finally {
    await db.end();
  }
}

const PHONE_WIDTH = 390;

/** The element is on screen across its whole width at the phone's width (nothing cut off to the right). */
async function expectWithinWidth(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE_WIDTH);
}

const pagesFor = (ticketId: string) => posts.filter((post) => post.body.includes(`/tickets/${ticketId}`));

test("a P1 ticket nearing its first response pages the on-call on Slack; acknowledging stops the escalation", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);

  // 1. The admin adds the Slack channel (incoming-webhook mode; the secret is the webhook URL).
  await page.goto("/admin/notifications");
  await page.getByTestId("notify-add-channel").click();
  const form = page.getByTestId("notify-channel-form");
  await form.locator("#notify-kind").selectOption("slack");
  await form.locator("#notify-name").fill(`Slack e2e ${Date.now().toString(36)}`);
  await form.locator("#notify-config").fill(JSON.stringify({ mode: "webhook" }));
  await form.locator("#notify-secret").fill(receiverUrl);
  await page.getByTestId("notify-save-channel").click();
  await passStepUpIfAsked(page, "admin");
  await expect(form).toBeHidden();

  // 2. The admin puts the demo agent alone on the consumer team's rotation.
  const agent = await queryOne<{ id: string; name: string }>(
    `SELECT id, name FROM "User" WHERE email = 'agent@demo.ops'`,
  );
  await page.goto("/oncall");
  const card = page.getByTestId("oncall-schedule").filter({ hasText: "Support on-call — consumer" });
  await card.getByRole("button", { name: "Edit" }).click();
  // Participants are picked by name or e-mail (no ids typed): the seeded ones go, the agent is searched and added.
  const participants = card.locator('[data-testid$="-participants-list"]');
  const remove = participants.getByRole("button", { name: "Remove" });
  while ((await remove.count()) > 0) await remove.first().click();
  await card.getByRole("combobox", { name: "Add a participant" }).fill("agent@demo.ops");
  await card.getByRole("option").filter({ hasText: "agent@demo.ops" }).getByRole("button").click();
  await expect(participants).toContainText(agent!.name);
  await card.getByRole("button", { name: "Save rotation" }).click();
  await passStepUpIfAsked(page, "admin");
  await expect(card.getByTestId("oncall-now")).toContainText(agent!.name);

  // 3. The agent wants critical pages on Slack as well as in the console.
  const agentContext = await browser.newContext({ storageState: storageStateFor("agent") });
  const agentPage = await agentContext.newPage();
  await agentPage.goto("/oncall/me");
  const critical = agentPage.getByRole("group", { name: "Critical" });
  await critical.getByLabel("Slack").check();
  await critical.getByLabel("In-app").check();
  await agentPage.getByRole("button", { name: "Save preferences" }).click();
  await expect(agentPage.getByRole("status")).toContainText("Preferences saved.");
  await agentContext.close();

  // 4. A P1 consumer ticket: its first-response target (15 min) is inside the 15-minute warning window.
  const created = await request.post("/api/operations/tickets", {
    headers: { authorization: await bearer(request) },
    data: {
      subject: `Order never arrived ${Date.now().toString(36)}`,
      description: "注文した商品が届きません。",
      priority: "P1",
      category: "delivery_delay",
      source: "consumer",
      language: "ja",
      requesterName: "佐藤 一郎",
    },
  });
  expect(created.status()).toBe(201);
  const { id: ticketId } = (await created.json()) as { id: string };

  // The on-call consumer watches it; its check falls due now (not in up to 15 minutes of business time).
  await expect
    .poll(
      async () =>
        (await queryOne(`SELECT 1 FROM "OncallWatch" WHERE "objectId" = $1`, [ticketId])) !== undefined,
      {
        timeout: 30_000,
      },
    )
    .toBe(true);
  await queryOne(`UPDATE "OncallWatch" SET "checkAt" = now() - interval '1 second' WHERE "objectId" = $1`, [
    ticketId,
  ]);
  await runOncallJob(request);

  // 5. The page reaches Slack (the local receiver) once, and the ticket's delivery log shows it.
  // From here on the responder is on a phone: 390 px wide.
  await expect.poll(() => pagesFor(ticketId).length, { timeout: 30_000 }).toBe(1);
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByTestId("delivery-log")).toContainText("Paged");
  await expectWithinWidth(page.getByTestId("delivery-log"));

  // 6. Acknowledged from the console on the phone: the escalation leaves the live list and no later step pages again.
  await page.goto("/oncall");
  const live = page
    .getByTestId("oncall-escalation")
    .filter({ has: page.locator(`a[href="/tickets/${ticketId}"]`) });
  await expect(live).toHaveCount(1);
  await expectWithinWidth(live.getByTestId("oncall-acknowledge"));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);
  await live.getByTestId("oncall-acknowledge").click();
  await expect(page.getByText("Acknowledged: pending steps stopped.")).toBeVisible();
  await expect(live).toHaveCount(0);
  const escalation = await queryOne<{ status: string; nextStepAt: Date | null }>(
    `SELECT status, "nextStepAt" FROM "Escalation" WHERE "objectId" = $1`,
    [ticketId],
  );
  expect(escalation).toEqual({ status: "acknowledged", nextStepAt: null });

  // The job runs again: nothing is left to fire for it.
  await runOncallJob(request);
  await page.waitForTimeout(3_000);
  expect(pagesFor(ticketId)).toHaveLength(1);
});

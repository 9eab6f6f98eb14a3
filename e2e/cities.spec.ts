import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_API_CLIENT } from "../server/seed/demo-accounts";
import { storageStateFor } from "./accounts";

// The city manager's live board: overview, a city's live charts, an alert raised by data sent through the REST
// API appearing without a reload, acknowledged, and its response plan (a workflow) ticked until it waits for recovery.

test.use({ storageState: storageStateFor("city") });

const BUCKET_MS = 5 * 60_000;

async function bearer(request: APIRequestContext): Promise<string> {
  const basic = Buffer.from(`${DEMO_API_CLIENT.clientId}:${DEMO_API_CLIENT.clientSecret}`).toString("base64");
  const response = await request.post("/api/oauth/token", {
    headers: { authorization: `Basic ${basic}` },
    form: { grant_type: "client_credentials", scope: "cities:write" },
  });
  expect(response.status()).toBe(200);
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

test("the overview shows every city, worst first, with live status", async ({ page }) => {
  await page.goto("/cities");
  const tiles = page.getByTestId("city-board").getByRole("link");
  // The six demo cities (other specs may add a city of their own).
  for (const code of ["TYO", "OSA", "NGO", "FUK", "SPK", "SDJ"]) {
    await expect(page.getByTestId(`city-tile-${code}`)).toBeVisible();
  }
  // Osaka's courier shortage (seeded, and continued by the demo feed) has a critical alert firing.
  await expect(tiles.first()).toHaveAttribute("data-testid", "city-tile-OSA");
  await expect(page.getByTestId("city-tile-OSA").getByTestId("alert-level")).toContainText(/firing/i);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expect(page.getByTestId("demo-data-badge")).toBeVisible();
});

test("data sent through the API moves the chart and fires an alert on screen; the manager acknowledges it and runs its plan", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const ruleName = `E2E Sendai delivery time ${Date.now()}`;

  // A rule made in the editor: fires at once above 80 min, keeps firing for an hour, with a response plan.
  await page.goto("/cities/rules/new");
  await page.getByTestId("rule-name").fill(ruleName);
  await page.getByTestId("rule-city").selectOption({ label: "Sendai (SDJ)" });
  await page.getByTestId("rule-threshold").fill("80");
  await page.getByTestId("rule-forMinutes").fill("0");
  await page.getByTestId("rule-keepFiringMinutes").fill("60");
  await page.getByTestId("rule-plan").selectOption({ label: "Courier shortage" });
  await expect(page.getByTestId("rule-preview-summary")).toContainText(/last 7 days/);
  await page.getByTestId("rule-save").click();
  await expect(page).toHaveURL(/\/cities\/rules$/);
  await expect(page.getByTestId("rule-table")).toContainText(ruleName);

  await page.goto("/cities/SDJ");
  const chart = page.getByTestId("chart-deliveryTime");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expect(chart).not.toHaveAttribute("data-peak", "95");

  // The last closed bucket and the open one, so the breach is seen even if a bucket closes meanwhile.
  const current = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
  const points = [current - BUCKET_MS, current].map((t) => ({
    city: "SDJ",
    metric: "avg_delivery_minutes",
    bucketStart: new Date(t).toISOString(),
    value: 95,
  }));
  const ingest = await request.post("/api/operations/cities/indicators", {
    headers: { authorization: await bearer(request) },
    data: { points },
  });
  expect(ingest.status()).toBe(200);
  const result = (await ingest.json()) as { accepted: number; alerts: { triggered: number } };
  expect(result.accepted).toBe(2);
  expect(result.alerts.triggered).toBeGreaterThanOrEqual(1);

  // Pushed, not reloaded: the chart shows the new peak and the alert appears, shaded on the chart.
  await expect(chart).toHaveAttribute("data-peak", "95", { timeout: 5_000 });
  const card = page.getByTestId("alert-card").filter({ hasText: ruleName });
  await expect(card).toHaveAttribute("data-state", "firing", { timeout: 5_000 });
  await expect(chart).not.toHaveAttribute("data-alert-periods", "0");

  await card.getByTestId("alert-acknowledge").click();
  await expect(card.getByTestId("alert-flags")).toContainText(/acknowledged/i);

  // The alert's rule names a response plan: the workflow engine starts it by itself (workflows.bindings).
  const checklist = card.getByTestId("plan-checklist");
  await expect(checklist).toHaveAttribute("data-status", "pending", { timeout: 15_000 });
  for (const position of [1, 2, 3, 4]) {
    const step = checklist.getByTestId(`plan-step-${position}`);
    await expect(step).toBeEnabled();
    // Ticked on the server first (a workflow decision): the box shows checked once the plan comes back.
    await step.click();
    await expect(step).toBeChecked();
  }
  // Every task done: the plan now waits for the city to stay recovered before it completes.
  await expect(checklist).toHaveAttribute("data-status", "in_progress");
  await expect(checklist.getByTestId("plan-wait-5")).toHaveAttribute("data-state", "active");
});

test("the range lives in the URL and long ranges read the rollups", async ({ page }) => {
  await page.goto("/cities/TYO?range=30d");
  await expect(page.getByTestId("range-30d")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/hourly rollups/i)).toBeVisible();
  await page.getByTestId("range-24h").click();
  await expect(page).toHaveURL(/range=24h/);
  await expect(page.getByText(/5-minute points/i)).toBeVisible();
});

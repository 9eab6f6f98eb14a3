import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_API_CLIENT } from "../server/seed/demo-accounts";
import { storageStateFor } from "./accounts";

test.use({ storageState: storageStateFor("agent") });

interface CreatedTicket {
  id: string;
  number: number;
}

/** A ticket created the way other platform units do it: OAuth client credentials, then the REST API. */
async function createTicket(request: APIRequestContext, subject: string): Promise<CreatedTicket> {
  const basic = Buffer.from(`${DEMO_API_CLIENT.clientId}:${DEMO_API_CLIENT.clientSecret}`).toString("base64");
  const token = await request.post("/api/oauth/token", {
    headers: { Authorization: `Basic ${basic}` },
    form: { grant_type: "client_credentials" },
  });
  expect(token.status()).toBe(200);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const created = await request.post("/api/operations/tickets", {
    headers: { Authorization: `Bearer ${accessToken}` },
    // delivery_delay belongs to Consumer Support, the demo agent's team.
    data: {
      subject,
      description: "配達が予定より40分遅れています。注文の状況を確認してください。",
      priority: "P2",
      category: "delivery_delay",
      source: "consumer",
      language: "ja",
      requesterName: "山田 花子",
      requesterEmail: "hanako.yamada@example.jp",
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as CreatedTicket;
}

const unique = (label: string) => `${label} ${Date.now().toString(36)}`;

/** Opens a page and waits until it is interactive: hydrated, with its live event stream connected. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "pending");
}

/** The distinct values of an attribute over the queue's rows, once the rows are the current filter's. */
async function distinct(page: Page, testId: string, attribute: string): Promise<string[]> {
  if ((await page.getByTestId("queue-table").getAttribute("aria-busy")) !== "false") return [];
  const values = await page
    .getByTestId("queue-row")
    .getByTestId(testId)
    .evaluateAll((nodes, name) => nodes.map((node) => node.getAttribute(name) ?? ""), attribute);
  return [...new Set(values)].sort();
}

test("an agent filters the queue by status and priority, saves the view and searches in Japanese", async ({
  page,
}) => {
  await open(page, "/tickets");
  await expect(page.getByTestId("queue-row").first()).toBeVisible();

  await page.getByTestId("filter-status").click();
  await page.getByTestId("filter-status-open").check();
  await page.keyboard.press("Escape");
  await page.getByTestId("filter-priority").click();
  await page.getByTestId("filter-priority-P3").check();
  await page.keyboard.press("Escape");

  await expect(page).toHaveURL(/[?&]status=open\b/);
  await expect(page).toHaveURL(/[?&]priority=P3\b/);
  await expect.poll(() => distinct(page, "ticket-priority", "data-priority")).toEqual(["P3"]);
  await expect.poll(() => distinct(page, "ticket-status", "data-status")).toEqual(["open"]);

  // The filter is the URL: a reload (or a shared link) shows the same queue.
  await page.reload();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "pending");
  await expect(page.getByTestId("filter-status")).toContainText("Open");
  await expect.poll(() => distinct(page, "ticket-priority", "data-priority")).toEqual(["P3"]);

  const viewName = unique("Open P3");
  await page.getByTestId("saved-views").click();
  await page.getByTestId("saved-view-name").fill(viewName);
  await page.getByTestId("saved-view-save").click();
  await expect(page.getByTestId("saved-views")).toContainText(viewName);
  await page.keyboard.press("Escape");

  await page.getByTestId("filter-clear").click();
  await expect(page).not.toHaveURL(/status=/);
  await page.getByTestId("saved-views").click();
  await page.getByTestId("saved-view").filter({ hasText: viewName }).getByTestId("saved-view-apply").click();
  await expect(page).toHaveURL(/[?&]status=open\b/);

  await page.getByTestId("filter-clear").click();
  await page.getByTestId("queue-search").fill("配達");
  await expect(page).toHaveURL(/[?&]q=%E9%85%8D%E9%81%94/);
  await expect(page.getByTestId("row-link").filter({ hasText: "配達" }).first()).toBeVisible();
});

test("an agent opens a ticket, replies publicly (stopping the first-response clock) and resolves it", async ({
  page,
  request,
}) => {
  const subject = unique("配達が遅れています E2E");
  const ticket = await createTicket(request, subject);
  await open(page, `/tickets/${ticket.number}`);
  await expect(page.getByTestId("ticket-subject")).toHaveText(subject);
  await expect(page.getByTestId("sla-firstResponse")).toHaveAttribute("data-stopped", "false");
  await expect(page.getByTestId("composer-hint")).toContainText("first-response clock");

  const reply = "ご不便をおかけしております。配達状況を確認し、折り返しご連絡いたします。";
  await page.getByTestId("composer-public").click();
  await page.getByTestId("composer-body").fill(reply);
  await page.getByTestId("composer-send").click();

  const sent = page
    .locator('[data-testid="timeline-comment"][data-visibility="public"]')
    .filter({ hasText: reply });
  await expect(sent).toBeVisible();
  await expect(page.getByTestId("composer-body")).toHaveValue("");
  await expect(page.getByTestId("sla-firstResponse")).toHaveAttribute("data-stopped", "true");
  await expect(page.getByTestId("field-status")).toHaveValue("open");

  await page.getByTestId("field-status").selectOption("resolved");
  await expect(page.getByTestId("field-status")).toHaveValue("resolved");
  await expect(page.getByTestId("ticket-status").first()).toHaveAttribute("data-status", "resolved");
  await expect(page.getByTestId("sla-resolution")).toHaveAttribute("data-stopped", "true");
  await expect(
    page.locator('[data-testid="timeline-event"][data-type="TicketStatusUpdated"]').last(),
  ).toContainText("Resolved");
});

test("a routed ticket explains its routing: each candidate's load, the load with the ticket, eligibility", async ({
  page,
  request,
}) => {
  const ticket = await createTicket(request, unique("Routing reason E2E"));
  await open(page, `/tickets/${ticket.number}`);
  await page.getByTestId("assignment-reason-toggle").first().click();
  const rows = page.getByTestId("assignment-reason").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    const cells = row.locator("td");
    await expect(cells.nth(1)).toHaveText(/^\d+\/\d+$/);
    await expect(cells.nth(2)).toHaveText(/^(\d+%|—)$/);
    await expect(cells.nth(3)).not.toBeEmpty();
  }
});

test("two agents edit one ticket: the second sees who else is here, then a conflict with what changed", async ({
  browser,
  page,
  request,
}) => {
  const ticket = await createTicket(request, unique("Conflict E2E"));
  const other = await browser.newContext({ storageState: storageStateFor("admin") });
  const second = await other.newPage();
  await open(second, `/tickets/${ticket.id}`);
  await expect(second.getByTestId("field-priority")).toHaveValue("P2");

  await open(page, `/tickets/${ticket.number}`);
  await expect(page.getByTestId("detail-viewers").getByTestId("presence")).toHaveAttribute(
    "aria-label",
    /Hiro Sato/,
  );
  await page.getByTestId("field-priority").selectOption("P1");
  await expect(page.getByTestId("field-priority")).toHaveValue("P1");
  await expect(page.getByTestId("field-priority")).toBeEnabled();

  // The second screen still shows what its user saw (P2); their change is refused, not applied over P1.
  await second.getByTestId("field-status").selectOption("pending");
  const banner = second.getByTestId("conflict-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Someone else changed this ticket");
  await expect(banner.getByTestId("diff-priority")).toContainText("P2");
  await expect(banner.getByTestId("diff-priority")).toContainText("P1");

  await banner.getByTestId("conflict-reapply").click();
  await expect(banner).toHaveCount(0);
  await expect(second.getByTestId("field-status")).toHaveValue("pending");
  await expect(second.getByTestId("field-priority")).toHaveValue("P1");
  await other.close();
});

test("a ticket created through the REST API appears in an open queue without a reload", async ({
  page,
  request,
}) => {
  const token = unique("e2elive");
  await open(page, `/tickets?q=${encodeURIComponent(token)}`);
  await expect(page.getByTestId("queue-empty")).toBeVisible();

  const ticket = await createTicket(request, `${token} 配達遅延`);
  const row = page.locator(`[data-testid="queue-row"][data-ticket-id="${ticket.id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute("data-flash", "new");
  await expect(page.getByTestId("queue-total")).toHaveText("1");
});

test("keyboard shortcuts and a bulk change with per-ticket results", async ({ page, request }) => {
  const token = unique("e2ebulk");
  const first = await createTicket(request, `${token} one`);
  const second = await createTicket(request, `${token} two`);
  await open(page, `/tickets?q=${encodeURIComponent(token)}`);
  await expect(page.getByTestId("queue-row")).toHaveCount(2);

  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-dialog")).toBeHidden();

  // Typing in the search box never triggers shortcuts (checked before selecting: a changed search clears the
  // selection, so the order matters).
  const search = page.getByTestId("queue-search");
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await page.keyboard.type("x");
  // The key went into the field (wherever the caret was), not to the queue.
  await expect.poll(() => search.inputValue()).toHaveLength(token.length + 1);
  await search.fill(token);
  await expect(page.getByTestId("queue-row")).toHaveCount(2);
  await search.evaluate((element) => (element as HTMLInputElement).blur());

  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.getByTestId("bulk-count")).toContainText("2 selected");

  await page.getByTestId("bulk-priority").selectOption("P4");
  await page.getByTestId("bulk-apply").click();
  await expect(page.getByTestId("bulk-progress")).toHaveAttribute("data-running", "false");
  await expect(page.locator('[data-testid="bulk-result"][data-ok="true"]')).toHaveCount(2);
  for (const id of [first.id, second.id]) {
    await expect(
      page.locator(`[data-testid="queue-row"][data-ticket-id="${id}"]`).getByTestId("ticket-priority"),
    ).toHaveAttribute("data-priority", "P4");
  }

  // "a" answers where the agent looks (not in the footer below fifty rows), whether the agent has room for the
  // ticket or is at capacity.
  await search.fill("");
  await expect(page.getByTestId("queue-row")).toHaveCount(50);
  await search.evaluate((element) => (element as HTMLInputElement).blur());
  await page.keyboard.press("j");
  await page.keyboard.press("a");
  const notice = page.getByTestId("queue-notice");
  await expect(notice).not.toBeEmpty();
  await expect(notice).toBeInViewport();
});

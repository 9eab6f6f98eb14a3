import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_API_CLIENT } from "../server/seed/demo-accounts";
import { storageStateFor } from "./accounts";

test.describe("as a risk manager", () => {
  test.use({ storageState: storageStateFor("risk") });

  test("opens a critical case, reads the contributions, works an action and closes the case", async ({
    page,
  }) => {
    await page.goto("/risk?level=critical&status=open");
    const row = page.getByTestId("risk-row").first();
    await expect(row).toHaveAttribute("data-level", "critical");
    await row.getByTestId("risk-case-link").click();

    await expect(page.getByTestId("risk-case-title")).toBeVisible();
    await expect(page.getByTestId("risk-score")).toHaveText(/^\d+$/);
    const contributions = page.getByTestId("risk-contribution");
    await expect(contributions.first()).toContainText(/\+\d+/);
    await expect(page.getByRole("img", { name: /rule contributions/i })).toBeVisible();

    await page.getByTestId("risk-recommended-add").first().click();
    const todo = page.getByTestId("risk-board-todo").getByTestId("risk-action");
    await expect(todo).toHaveCount(1);
    await todo.getByTestId("risk-action-start").click();

    const inProgress = page.getByTestId("risk-board-in_progress").getByTestId("risk-action");
    await expect(inProgress).toHaveCount(1);
    await inProgress.getByTestId("risk-action-complete").click();
    await inProgress.getByRole("textbox").fill("Applied and verified.");
    await inProgress.getByTestId("risk-action-confirm-complete").click();
    await expect(page.getByTestId("risk-board-done").getByTestId("risk-action")).toHaveAttribute(
      "data-status",
      "completed",
    );

    await page.getByRole("radio", { name: "Mitigated" }).check();
    await page.getByLabel("Note").fill("Action applied; no further signals.");
    await page.getByTestId("risk-close-submit").click();
    await expect(page.getByTestId("risk-closed")).toContainText("Mitigated");
    await expect(page.getByTestId("risk-history-entry").first()).toHaveAttribute("data-action", "CaseClosed");
    await expect(page.getByTestId("risk-history")).toContainText("Action completed");
  });

  test("sees a case raised by a new signal appear without reloading", async ({ page, request }) => {
    await page.goto("/risk?level=critical");
    await expect(page.getByTestId("risk-live")).toHaveAttribute("data-state", "live");

    const token = await request.post("/api/oauth/token", {
      form: {
        grant_type: "client_credentials",
        client_id: DEMO_API_CLIENT.clientId,
        client_secret: DEMO_API_CLIENT.clientSecret,
      },
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const subjectId = `cus_e2e_${randomUUID().slice(0, 8)}`;
    const signal = () => ({
      sourceEventId: `e2e-${randomUUID()}`,
      type: "refund_abuse",
      subjectType: "consumer",
      subjectId,
      attributes: { refundCount24h: 5, amountJpy: 15_000, accountAgeDays: 2 },
      observedAt: new Date().toISOString(),
    });
    const response = await request.post("/api/operations/risks/signals", {
      headers: { authorization: `Bearer ${accessToken}` },
      data: { signals: [signal(), signal(), signal()] },
    });
    expect(response.status()).toBe(200);

    const raised = page.getByTestId("risk-row").filter({ hasText: subjectId });
    await expect(raised).toBeVisible();
    await expect(raised).toHaveAttribute("data-level", "critical");
  });
});

test.describe("rule sets and languages, as a risk manager", () => {
  test.use({ storageState: storageStateFor("risk") });

  test("reads the risk screens in Japanese", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "ja", url: baseURL ?? "http://localhost:3100" }]);
    await page.goto("/risk");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("リスクケース");
    await page.getByTestId("risk-case-link").first().click();
    await expect(page.getByRole("heading", { name: "スコアの内訳" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "対策プラン" })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("case-ja.png"), fullPage: true });
  });

  test("edits a draft with field-named errors, backtests it and publishes it", async ({ page }) => {
    await page.goto("/risk/rules");
    await page.getByTestId("rule-set-new-draft").click();
    const editor = page.getByTestId("draft-editor");
    await expect(editor).toBeVisible();

    const weight = editor.getByLabel("oa_order_burst Weight");
    await weight.fill("0");
    await editor.getByTestId("draft-save").click();
    await expect(editor.getByTestId("draft-errors")).toContainText("rules[0].weight");
    await expect(weight).toHaveAttribute("aria-invalid", "true");

    await weight.fill("20");
    await editor.getByTestId("draft-save").click();
    await expect(editor.getByRole("status")).toHaveText("Draft saved.");

    await page.getByTestId("rule-set-backtest").click();
    await expect(page.getByTestId("backtest-report")).toContainText("Cases replayed");

    await page.getByTestId("rule-set-publish").click();
    await page.getByTestId("rule-set-publish-confirm").click();
    await expect(page.getByText(/is published\./)).toBeVisible();
    await expect(page.getByTestId("rule-set-versions").locator("tr[data-status=published]")).toHaveCount(1);
  });
});

test.describe("as a support agent", () => {
  test.use({ storageState: storageStateFor("agent") });

  test("is refused the risk screens", async ({ page }) => {
    for (const path of ["/risk", "/risk/rules", "/risk/0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: /access/i })).toBeVisible();
    }
  });
});

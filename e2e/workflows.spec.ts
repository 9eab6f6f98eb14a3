import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_API_CLIENT } from "../server/seed/demo-accounts";
import { account, storageStateFor } from "./accounts";
import { e2eDatabase } from "./database";
import { passStepUpIfAsked } from "./step-up";

// Where people work with workflows: a courier safety ticket starts its workflow by itself; a risk manager asks
// for approval to suspend an account, is refused approving it themselves, and an admin approves from My tasks.

async function bearer(request: APIRequestContext): Promise<string> {
  const token = await request.post("/api/oauth/token", {
    form: {
      grant_type: "client_credentials",
      client_id: DEMO_API_CLIENT.clientId,
      client_secret: DEMO_API_CLIENT.clientSecret,
    },
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  return `Bearer ${accessToken}`;
}

async function confirmDecision(page: Page) {
  const dialog = page.getByTestId("wf-decision-dialog");
  await dialog.getByTestId("wf-decision-confirm").click();
  return dialog;
}

test.describe("as a courier-team agent", () => {
  test("a courier_safety ticket starts the safety workflow, shown on the ticket", async ({
    page,
    request,
  }) => {
    // Routing files safety tickets with the courier team, whose agents are the ones who see them.
    const db = await e2eDatabase();
    const { rows } = await db
      .query<{ email: string }>(
        `SELECT u.email FROM "User" u JOIN "Team" t ON t.id = u."teamId"
          WHERE t.key = 'courier' AND 'support_agent' = ANY(u.roles) AND u.id IS DISTINCT FROM t."leadId"
          ORDER BY u.email LIMIT 1`,
      )
      .finally(() => db.end());
    await page.goto("/signin");
    await page.getByLabel(/email/i).fill(rows[0]!.email);
    await page.getByLabel(/password/i).fill(account("agent").password);
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByTestId("user-menu")).toBeVisible();

    const created = await request.post("/api/operations/tickets", {
      headers: { authorization: await bearer(request) },
      data: {
        subject: `Courier hurt ${Date.now().toString(36)}`,
        description: "The courier fell off the bike at the pickup point.",
        priority: "P1",
        category: "courier_safety",
        source: "courier",
        language: "en",
        requesterName: "Ken Sato",
      },
    });
    expect(created.status()).toBe(201);
    const ticket = (await created.json()) as { id: string };

    await page.goto(`/tickets/${ticket.id}`);
    const card = page.getByTestId("wf-panel").getByTestId("wf-card");
    // The trigger runs in the backbone's consumer: the panel refreshes on the WorkflowInitiated event.
    await expect(card).toHaveAttribute("data-template", "courier_safety_incident", { timeout: 20_000 });
    await expect(card.getByTestId("wf-step").first()).toHaveAttribute("data-step", "contact_courier");
    await expect(card.getByTestId("wf-step").first()).toHaveAttribute("data-state", "active");
  });
});

test.describe("approval to suspend an account", () => {
  test("the requester is refused approving it; an admin approves from My tasks; the case shows the step done", async ({
    browser,
  }) => {
    test.slow(); // two people, a step-up and live updates: more than the default 30 s on a busy machine
    const risk = await browser.newContext({ storageState: storageStateFor("risk") });
    const riskPage = await risk.newPage();
    await riskPage.goto("/risk?status=open");
    await riskPage.getByTestId("risk-row").first().getByTestId("risk-case-link").click();
    await expect(riskPage.getByTestId("risk-case-title")).toBeVisible();
    const caseUrl = riskPage.url();

    const panel = riskPage.getByTestId("wf-panel");
    const takeover = panel.locator('[data-testid="wf-card"][data-template="account_takeover_mitigation"]');
    if ((await takeover.count()) === 0)
      await panel.locator('[data-testid="wf-start"][data-template="account_takeover_mitigation"]').click();
    const card = takeover.first();
    await expect(card).toBeVisible();
    const href = await card.getByTestId("wf-card-link").getAttribute("href");
    const instanceId = href?.split("/").at(-1) ?? "";

    // Contain first: the requester completes the first task, which opens the approval.
    const revoke = card.locator('[data-testid="wf-step"][data-step="revoke_sessions"]');
    await revoke.getByTestId("wf-action-complete").click();
    await confirmDecision(riskPage);
    await expect(revoke).toHaveAttribute("data-state", "done");

    const approval = card.locator('[data-testid="wf-step"][data-step="approve_suspension"]');
    await expect(approval).toHaveAttribute("data-state", "active");
    await approval.getByTestId("wf-action-approve").click();
    const dialog = await confirmDecision(riskPage);
    await expect(dialog.getByTestId("wf-decision-problem")).toContainText(
      /approver_is_initiator|approver_acted_on_earlier_step/,
    );
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(approval).toHaveAttribute("data-state", "active");

    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/");
    const task = adminPage.locator(`[data-testid="wf-task"][data-instance="${instanceId}"]`);
    await expect(task).toHaveAttribute("data-step", "approve_suspension");
    await task.getByTestId("wf-task-approve").click();
    await passStepUpIfAsked(adminPage, "admin");
    await confirmDecision(adminPage);
    await expect(task).toHaveCount(0);

    // The requester's case page hears the decision live.
    await expect(approval).toHaveAttribute("data-state", "done");
    await riskPage.goto(caseUrl);
    await expect(
      riskPage.locator(
        '[data-testid="wf-card"][data-template="account_takeover_mitigation"] [data-step="approve_suspension"]',
      ),
    ).toHaveAttribute("data-state", "done");
    await risk.close();
    await admin.close();
  });
});

test.describe("migrating running instances", () => {
  test("an admin maps a renamed step, previews the dry run and moves a running refund approval to the new version", async ({
    browser,
  }) => {
    test.slow(); // a new version staged, a step-up and two page loads on a busy machine
    const db = await e2eDatabase();
    try {
      const { rows: tickets } = await db.query<{ id: string }>(
        `SELECT t.id FROM "Ticket" t
          WHERE NOT EXISTS (SELECT 1 FROM "WorkflowInstance" i JOIN "WorkflowTemplate" w ON w.id = i."templateId"
                             WHERE w.key = 'refund_approval' AND i."subjectId" = t.id::text)
          ORDER BY t."createdAt" DESC LIMIT 1`,
      );
      const admin = await browser.newContext({ storageState: storageStateFor("admin") });
      const page = await admin.newPage();
      await page.goto(`/tickets/${tickets[0]!.id}`);
      await page.locator('[data-testid="wf-start"][data-template="refund_approval"]').click();
      const card = page.locator('[data-testid="wf-card"][data-template="refund_approval"]');
      const href = await card.getByTestId("wf-card-link").getAttribute("href");
      const instanceId = href?.split("/").at(-1) ?? "";

      // A new version, as publishing an edited template file makes one: its approval step has a new key.
      const { rows: staged } = await db.query<{ from: number; to: number }>(
        `WITH pinned AS (
           SELECT v.* FROM "WorkflowInstance" i JOIN "WorkflowTemplateVersion" v ON v.id = i."versionId"
            WHERE i.id = $1
         ), latest AS (
           SELECT max(number) AS number FROM "WorkflowTemplateVersion" WHERE "templateId" = (SELECT "templateId" FROM pinned)
         )
         INSERT INTO "WorkflowTemplateVersion" (id, "templateId", number, label, "contentHash", definition)
         SELECT gen_random_uuid(), p."templateId", l.number + 1, 'e2e', md5(random()::text),
                jsonb_set(jsonb_set(jsonb_set(jsonb_set(p.definition, '{steps,0,key}', '"sign_off_refund"'),
                  '{policy,requiredRoles}', '{"sign_off_refund": ["risk_manager"]}'),
                  '{policy,amountThreshold,steps}', '["sign_off_refund"]'), '{version}', '"e2e"')
           FROM pinned p, latest l
         RETURNING (SELECT number FROM pinned) AS from, number AS to`,
        [instanceId],
      );
      const { from, to } = staged[0]!;

      await page.goto("/admin/workflows");
      const template = page.locator('[data-testid="wf-template"][data-template="refund_approval"]');
      await template
        .locator(`[data-testid="wf-version"][data-version="${from}"]`)
        .getByTestId("wf-version-migrate")
        .click();
      const panel = template.getByTestId("wf-migration");
      await expect(panel.getByTestId("wf-migration-target")).toHaveValue(String(to));
      await panel.getByTestId("wf-migration-map-approve_refund").selectOption("sign_off_refund");
      await panel.getByTestId("wf-migration-preview").click();
      const planned = panel.locator(
        `[data-testid="wf-migration-instance"]:has(a[href="/workflows/${instanceId}"])`,
      );
      await expect(planned).toHaveAttribute("data-ok", "true");
      await expect(planned).toContainText("approve_refund → sign_off_refund (active)");

      await panel.getByTestId("wf-migration-run").click();
      await passStepUpIfAsked(page, "admin");
      await expect(panel.getByTestId("wf-migration-done")).toContainText(`version ${to}`);

      await page.goto(`/workflows/${instanceId}`);
      await expect(page.getByTestId("wf-version")).toContainText(`version ${to}`);
      await expect(page.locator('[data-testid="wf-step"][data-step="sign_off_refund"]')).toHaveAttribute(
        "data-state",
        "active",
      );
      await admin.close();
    } finally {
      await db.end();
    }
  });
});

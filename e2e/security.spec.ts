import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { account, storageStateFor } from "./accounts";
import { e2eDatabase } from "./database";
import { freshTotp } from "./totp";

// Administration and the second factor, end to end: an invited admin enrols at first sign-in; the admin invites
// an agent and sets their routing inputs; deactivating an agent signs their open browser out on its next action;
// a risk manager's PII reveal asks for a code.

const PASSWORD = "e2e-password-2026!";

async function acceptInvite(page: Page, link: string) {
  await page.goto(link);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByTestId("invite-accept").click();
  await expect(page.getByTestId("invite-done")).toBeVisible();
}

async function invite(page: Page, email: string, role: string) {
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill(email.split("@")[0] ?? email);
  if (role !== "support_agent") {
    await page.getByTestId("invite-role-support_agent").uncheck();
    await page.getByTestId(`invite-role-${role}`).check();
  }
  await page.getByTestId("invite-submit").click();
  return (await page.getByTestId("invite-link").textContent()) ?? "";
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
}

test.describe("as the demo admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("an invited admin must enrol a second factor on first sign-in", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const email = `e2e-admin-${Date.now()}@demo.ops`;
    const link = await invite(page, email, "admin");

    const newcomer = await browser.newPage({ storageState: { cookies: [], origins: [] } });
    await acceptInvite(newcomer, link);
    await signIn(newcomer, email);
    await expect(newcomer).toHaveURL(/\/account\?enrol=1/);
    await expect(newcomer.getByTestId("mfa-required")).toBeVisible();
    await newcomer.getByTestId("mfa-start").click();
    const secret = (await newcomer.getByTestId("mfa-secret").textContent()) ?? "";
    await newcomer.getByTestId("mfa-code").fill(await generate({ secret }));
    await newcomer.getByTestId("mfa-confirm").click();
    await expect(newcomer.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    await newcomer.goto("/admin/users");
    await expect(newcomer.getByTestId("user-row").first()).toBeVisible();
  });

  test("invites an agent, sets skills and capacity, and deactivating them signs their browser out", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const email = `e2e-agent-${Date.now()}@demo.ops`;
    const link = await invite(page, email, "support_agent");

    const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await row.getByTestId("user-edit").click();
    await row.getByTestId("user-is-agent").check();
    await row.getByTestId("user-skill-refund_request").check();
    await row.getByTestId("user-capacity").fill("7");
    await row.getByTestId("user-save").click();
    await expect(row.getByTestId("user-status")).toContainText("7");

    const agent = await browser.newPage({ storageState: { cookies: [], origins: [] } });
    await acceptInvite(agent, link);
    await signIn(agent, email);
    await expect(agent.getByTestId("user-menu")).toBeVisible();

    await row.getByTestId("user-deactivate").click();
    await expect(row.getByTestId("user-status")).toContainText("Deactivated");

    // The open page may notice the revoked session first and go to sign-in on its own, interrupting this navigation.
    await agent.goto("/tickets").catch((error: Error) => {
      if (!/interrupted by another navigation/.test(error.message)) throw error;
    });
    await expect(agent).toHaveURL(/\/signin/);
  });
});

test.describe("as the risk manager", () => {
  test.use({ storageState: storageStateFor("risk") });

  test("revealing personal data asks for the second factor when the last one is older than 10 minutes", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    // Stage what waiting 10 minutes would: the sign-in's verification ages out (sessions are cached for 5 s).
    const db = await e2eDatabase();
    let caseId: string;
    try {
      await db.query(
        `UPDATE "UserSession" SET "mfaVerifiedAt" = now() - interval '11 minutes'
          WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`,
        [account("risk").email],
      );
      // A seeded case whose subject has personal data on record (cases other specs raised may have none).
      const { rows } = await db.query<{ id: string }>(
        `SELECT c.id::text FROM "RiskCase" c
           JOIN "RiskSubjectProfile" p ON p."subjectType" = c."subjectType" AND p."subjectId" = c."subjectId"
          ORDER BY c.number LIMIT 1`,
      );
      caseId = rows[0]!.id;
    } finally {
      await db.end();
    }
    await page.waitForTimeout(5_500);

    await page.goto(`/risk/${caseId}`);
    await page.getByTestId("risk-reveal-pii").click();
    await expect(page.getByTestId("step-up-dialog")).toBeVisible();
    await page.getByTestId("step-up-code").fill(await freshTotp(account("risk").totpSecret ?? ""));
    await page.getByTestId("step-up-submit").click();
    await expect(page.getByTestId("step-up-dialog")).toBeHidden();
    await expect(page.getByTestId("risk-reveal-pii")).toHaveCount(0);
  });
});

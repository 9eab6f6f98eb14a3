import { expect, test } from "@playwright/test";
import { account, storageStateFor } from "./accounts";

const NAV = ["nav-tickets", "nav-risk", "nav-cities", "nav-audit", "nav-api-clients"] as const;

const EXPECTED_NAV: Record<"agent" | "risk" | "city" | "admin", readonly (typeof NAV)[number][]> = {
  agent: ["nav-tickets"],
  risk: ["nav-risk"],
  city: ["nav-cities"],
  admin: NAV,
};

for (const [key, visible] of Object.entries(EXPECTED_NAV) as [
  keyof typeof EXPECTED_NAV,
  readonly string[],
][]) {
  test.describe(`as ${key}`, () => {
    test.use({ storageState: storageStateFor(key) });

    test("sees exactly the navigation for its roles", async ({ page }) => {
      await page.goto("/");
      for (const item of NAV) {
        if (visible.includes(item)) await expect(page.getByTestId(item)).toBeVisible();
        else await expect(page.getByTestId(item)).toHaveCount(0);
      }
    });
  });
}

test.describe("role checks on the server", () => {
  test.use({ storageState: storageStateFor("agent") });

  test("a support agent is refused the risk and admin pages", async ({ page }) => {
    for (const path of ["/risk", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: /access/i })).toBeVisible();
    }
  });

  test("the agent's own page works", async ({ page }) => {
    const response = await page.goto("/tickets");
    expect(response?.status()).toBe(200);
  });
});

test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/cities");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcities/);
});

test("a wrong password gets a clear message, not an error page", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel(/email/i).fill(account("agent").email);
  await page.getByLabel(/password/i).fill("not-the-password");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText(/incorrect/i);
  await expect(page).toHaveURL(/\/signin/);
});

test.describe("language and sign-out", () => {
  test("switches to Japanese and back, then signs out", async ({ page }) => {
    const { email, password } = account("city");
    await page.goto("/signin");
    await page.getByLabel(/email/i).fill(email);
    await page.getByLabel(/password/i).fill(password);
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByTestId("user-menu")).toBeVisible();

    await page.getByTestId("user-menu").click();
    await page.getByTestId("locale-ja").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByTestId("nav-cities")).toContainText("都市");

    await page.getByTestId("user-menu").click();
    await page.getByTestId("locale-en").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("nav-cities")).toContainText("Cities");

    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/signin/);
    const response = await page.goto("/cities");
    expect(response?.url()).toMatch(/\/signin/);
  });
});

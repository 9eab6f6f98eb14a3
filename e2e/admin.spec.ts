import { expect, test } from "@playwright/test";
import { storageStateFor } from "./accounts";
import { passStepUpIfAsked } from "./step-up";

test.use({ storageState: storageStateFor("admin") });

test("the audit log shows the seed entry, with its filters in a shareable URL", async ({ page }) => {
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-append-only")).toBeVisible();

  await page.getByTestId("audit-filter-entity-type").fill("database");
  await page.getByTestId("audit-filter-apply").click();
  await expect(page).toHaveURL(/[?&]entityType=database\b/);
  const seedRow = page.locator('[data-testid="audit-row"][data-action="seed.applied"]');
  await expect(seedRow).toHaveCount(1);

  await seedRow.getByTestId("audit-details-toggle").click();
  await expect(page.getByTestId("audit-details")).toContainText('"counts"');

  await page.reload();
  await expect(page.getByTestId("audit-filter-entity-type")).toHaveValue("database");
  await expect(seedRow).toHaveCount(1);
});

test("an admin creates an API client, sees its secret once, and can disable it", async ({ page }) => {
  const name = `E2E partner ${Date.now()}`;
  await page.goto("/admin/api-clients");

  await page.getByTestId("api-client-new").click();
  await page.getByTestId("api-client-create").click();
  await expect(page.getByText("Choose at least one scope.")).toBeVisible();

  await page.getByTestId("api-client-name").fill(name);
  await page.getByTestId("api-client-scope-tickets:read").check();
  await page.getByTestId("api-client-create").click();
  await passStepUpIfAsked(page, "admin");

  const secret = page.getByTestId("api-client-secret");
  await expect(secret).toHaveText(/^[A-Za-z0-9_-]{40,}$/);
  const secretValue = (await secret.textContent()) ?? "";
  const clientId = (await page.getByTestId("api-client-created-id").textContent()) ?? "";
  const row = page.locator(`[data-testid="api-client-row"][data-client-id="${clientId}"]`);
  await expect(row).toContainText(name);

  await page.reload();
  await expect(row).toContainText(name);
  await expect(page.getByTestId("api-client-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secretValue);

  await row.getByTestId("api-client-disable").click();
  await row.getByTestId("api-client-disable-confirm").click();
  await passStepUpIfAsked(page, "admin");
  await expect(row.getByTestId("api-client-status")).toContainText("Disabled");
});

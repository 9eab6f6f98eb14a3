import { expect, test as setup } from "@playwright/test";
import { ACCOUNT_KEYS, account, storageStateFor } from "./accounts";
import { freshTotp } from "./totp";

// Sign in once per role through the real sign-in page; specs reuse the saved session.
for (const key of ACCOUNT_KEYS) {
  setup(`sign in as ${key}`, async ({ page }) => {
    const { email, password, name, totpSecret } = account(key);
    await page.goto("/signin");
    await page.getByLabel(/email/i).fill(email);
    await page.getByLabel(/password/i).fill(password);
    await page.getByRole("button", { name: /sign in/i }).click();
    // Privileged demo accounts are enrolled with a known TOTP secret (server/seed/demo-accounts.ts).
    if (totpSecret) {
      await page.getByTestId("sign-in-code").fill(await freshTotp(totpSecret));
      await page.getByRole("button", { name: /sign in/i }).click();
    }
    await expect(page.getByTestId("user-menu")).toContainText(name);
    await page.context().storageState({ path: storageStateFor(key) });
  });
}

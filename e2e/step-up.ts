import type { Page } from "@playwright/test";
import { account, type AccountKey } from "./accounts";
import { freshTotp } from "./totp";

/**
 * A privileged action asks for the second factor again once the last one is older than 10 minutes: a long run
 * of the suite reaches that point. Answers the prompt when it shows, and does nothing when it does not.
 */
export async function passStepUpIfAsked(page: Page, key: AccountKey): Promise<void> {
  const dialog = page.getByTestId("step-up-dialog");
  const asked = await dialog
    .waitFor({ state: "visible", timeout: 2_000 })
    .then(() => true)
    .catch(() => false);
  if (!asked) return;
  const secret = account(key).totpSecret;
  if (!secret) throw new Error(`The ${key} demo account has no second factor to answer the prompt with`);
  await dialog.getByTestId("step-up-code").fill(await freshTotp(secret));
  await dialog.getByTestId("step-up-submit").click();
  await dialog.waitFor({ state: "hidden" });
}

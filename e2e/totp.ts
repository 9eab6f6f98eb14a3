import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { generate } from "otplib";

// A code is usable once (the server remembers the last time step), so the browser tests keep the last step they
// used per secret and take the next one: within the server's one-step tolerance, or after waiting for it.
const STATE = ".data/e2e-auth/totp-steps.json";
const PERIOD_MS = 30_000;

function usedSteps(): Record<string, number> {
  return existsSync(STATE) ? (JSON.parse(readFileSync(STATE, "utf8")) as Record<string, number>) : {};
}

export async function freshTotp(secret: string): Promise<string> {
  const used = usedSteps();
  const current = Math.floor(Date.now() / PERIOD_MS);
  let step = Math.max(current, (used[secret] ?? 0) + 1);
  if (step > current + 1) {
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * PERIOD_MS - Date.now() + 100));
    step = Math.max(step, Math.floor(Date.now() / PERIOD_MS));
  }
  mkdirSync(".data/e2e-auth", { recursive: true });
  writeFileSync(STATE, JSON.stringify({ ...used, [secret]: step }));
  return generate({ secret, epoch: step * 30 });
}

import { DEMO_ACCOUNTS, type DemoAccount } from "../server/seed/demo-accounts";

export type AccountKey = "agent" | "risk" | "city" | "admin";

const BY_KEY: Record<AccountKey, string> = {
  agent: "agent@demo.ops",
  risk: "risk@demo.ops",
  city: "city@demo.ops",
  admin: "admin@demo.ops",
};

export function account(key: AccountKey): DemoAccount {
  const found = DEMO_ACCOUNTS.find((a) => a.email === BY_KEY[key]);
  if (!found) throw new Error(`No demo account for ${key}`);
  return found;
}

export const storageStateFor = (key: AccountKey) => `.data/e2e-auth/${key}.json`;
export const ACCOUNT_KEYS: AccountKey[] = ["agent", "risk", "city", "admin"];

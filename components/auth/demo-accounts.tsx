import { useTranslations } from "next-intl";
import { RoleBadges } from "@/components/layout/role-badges";
import { ChevronRightIcon } from "@/components/ui/icons";
import type { Role } from "@/server/auth/permissions";

export interface DemoSignIn {
  email: string;
  password: string;
  name: string;
  roles: Role[];
}

interface DemoAccountsProps {
  accounts: readonly DemoSignIn[];
  onPick: (account: DemoSignIn) => void;
}

/** The demo build's sign-ins, one click to fill the form. */
export function DemoAccounts({ accounts, onPick }: DemoAccountsProps) {
  const t = useTranslations("signIn.demo");
  return (
    <details className="group rounded-lg border border-dashed border-border bg-surface-muted/60">
      <summary className="flex list-none items-center gap-1.5 rounded-lg px-3 py-2 text-xs font-medium text-fg-muted select-none hover:text-fg [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon className="size-3.5 transition-transform group-open:rotate-90" />
        {t("title")}
      </summary>
      <div className="px-2 pb-2">
        <p className="px-1 pb-2 text-xs text-fg-muted">{t("hint")}</p>
        <ul className="space-y-1">
          {accounts.map((account) => (
            <li key={account.email}>
              <button
                type="button"
                onClick={() => onPick(account)}
                className="w-full rounded-md border border-transparent px-2 py-1.5 text-left transition-colors hover:border-border hover:bg-surface"
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate text-xs font-medium text-fg">{account.name}</span>
                  <RoleBadges roles={account.roles} />
                </span>
                <span className="mt-0.5 flex items-center justify-between gap-2 font-mono text-[11px] text-fg-muted">
                  <span className="truncate">{account.email}</span>
                  <span className="shrink-0">{account.password}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

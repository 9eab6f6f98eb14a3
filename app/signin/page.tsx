import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { safeCallbackPath } from "@/components/auth/callback-url";
import { SignInForm } from "@/components/auth/sign-in-form";
import { BrandMark } from "@/components/layout/brand-mark";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/server/auth/session";
import { DEMO_ACCOUNTS } from "@/server/seed/demo-accounts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("pageTitle") };
}

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  const t = await getTranslations("signIn");
  const tCommon = await getTranslations("common");
  // Only what the form shows crosses to the client.
  const demoAccounts = DEMO_ACCOUNTS.map(({ email, password, name, roles }) => ({
    email,
    password,
    name,
    roles,
  }));

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-surface-muted px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2.5">
          <BrandMark className="size-8" />
          <span className="text-base font-semibold tracking-tight">{tCommon("appName")}</span>
        </div>
        <Card className="p-6 shadow-sm">
          <h1 className="text-lg font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 mb-5 text-sm text-fg-muted">{t("subtitle")}</p>
          <SignInForm callbackPath={safeCallbackPath(callbackUrl)} demoAccounts={demoAccounts} />
        </Card>
        <div className="mt-6 flex justify-center">
          <LocaleSwitch />
        </div>
      </div>
    </main>
  );
}

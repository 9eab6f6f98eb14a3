import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountSettings } from "@/components/account/account-settings";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { getRequestAuth } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("security.account");
  return { title: t("pageTitle") };
}

// Open to an account that still has to enrol its second factor: this is where it does so.
export default async function AccountPage() {
  if (!(await getRequestAuth())) redirect(`/signin?callbackUrl=${encodeURIComponent("/account")}`);
  const account = await (await serverApi()).account.get();
  const t = await getTranslations("security.account");
  return (
    <div className="mx-auto w-full max-w-3xl px-6 py-8">
      <PageHeader title={t("pageTitle")} description={account.email} />
      <AccountSettings initialAccount={account} />
    </div>
  );
}

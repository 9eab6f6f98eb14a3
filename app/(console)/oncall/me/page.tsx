import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { PreferenceForm } from "@/components/oncall/preference-form";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oncall.preferences");
  return { title: t("title") };
}

export default async function MyOncallPage() {
  await requirePagePermission("oncall:read", "/oncall/me");
  const api = await serverApi();
  const preferences = await api.oncall.myPreferences();
  const t = await getTranslations("oncall.preferences");
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <PreferenceForm initial={preferences} />
    </div>
  );
}

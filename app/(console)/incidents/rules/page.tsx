import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CorrelationRules } from "@/components/incidents/correlation-rules";
import { PageHeader } from "@/components/layout/page-header";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("incidents");
  return { title: t("rules.title") };
}

export default async function CorrelationRulesPage() {
  const user = await requirePagePermission("incidents:read", "/incidents/rules");
  const t = await getTranslations("incidents");
  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-8 max-sm:px-3">
      <PageHeader title={t("rules.title")} description={t("rules.description")} />
      <CorrelationRules canManage={can(user.roles, "incidents:manage", user.permissions)} />
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { TemplateVersions } from "@/components/workflows/template-versions";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workflows.admin");
  return { title: t("title") };
}

export default async function WorkflowTemplatesPage() {
  await requirePagePermission("workflows:manage", "/admin/workflows");
  const t = await getTranslations("workflows.admin");
  const templates = await (await serverApi()).workflows.templates();
  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8 max-sm:px-3 max-sm:py-4">
      <PageHeader title={t("title")} description={t("subtitle")} />
      <TemplateVersions templates={templates} />
    </div>
  );
}

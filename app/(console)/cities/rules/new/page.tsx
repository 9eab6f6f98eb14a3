import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EMPTY_DRAFT } from "@/components/cities/rule-draft";
import { RuleEditor } from "@/components/cities/rule-editor";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cities.editor");
  return { title: t("newTitle") };
}

export default async function NewRulePage() {
  await requirePagePermission("alerts:manage", "/cities/rules/new");
  const [options, t] = await Promise.all([
    (await serverApi()).alerts.rules.options(),
    getTranslations("cities.editor"),
  ]);
  return (
    <div className="mx-auto w-full max-w-[96rem] px-6 py-8">
      <PageHeader title={t("newTitle")} description={t("description")} />
      <RuleEditor initial={EMPTY_DRAFT} options={options} canManage />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { RuleSetWorkspace } from "@/components/risk/rules/rule-set-workspace";
import { buttonClasses } from "@/components/ui/button";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("risk.rules");
  return { title: t("title") };
}

export default async function RuleSetsPage() {
  await requirePagePermission("risks:rules", "/risk/rules");
  const versions = await (await serverApi()).risk.rules.list();
  const t = await getTranslations("risk.rules");

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/risk" className={buttonClasses("secondary", "sm")}>
            {t("backToCases")}
          </Link>
        }
      />
      <RuleSetWorkspace initialVersions={versions} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { loadRiskFilters, riskListInput } from "@/components/risk/case-filters";
import { RiskCaseList } from "@/components/risk/risk-case-list";
import { buttonClasses } from "@/components/ui/button";
import { serverApi } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("risk.list");
  return { title: t("title") };
}

export default async function RiskPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission("risks:read", "/risk");
  const filters = await loadRiskFilters(searchParams);
  const api = await serverApi();
  // The first page is rendered on the server; filter changes, "Load more" and live updates fetch from the client.
  const [firstPage, options] = await Promise.all([
    api.risk.list(riskListInput(filters)),
    api.risk.filterOptions(),
  ]);
  const t = await getTranslations("risk.list");

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(user.roles, "risks:rules", user.permissions) ? (
            <Link href="/risk/rules" className={buttonClasses("secondary", "sm")}>
              {t("rulesLink")}
            </Link>
          ) : null
        }
      />
      <RiskCaseList initialFilters={filters} initialPage={firstPage} options={options} />
    </div>
  );
}

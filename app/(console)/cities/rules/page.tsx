import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RuleTable } from "@/components/cities/rule-table";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClasses } from "@/components/ui/button";
import { serverApi } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cities.rules");
  return { title: t("title") };
}

export default async function RulesPage() {
  const user = await requirePagePermission("cities:read", "/cities/rules");
  const [rules, t, tCities] = await Promise.all([
    (await serverApi()).alerts.rules.list(),
    getTranslations("cities.rules"),
    getTranslations("cities"),
  ]);

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <nav aria-label={tCities("detail.breadcrumb")} className="mb-2 text-xs text-fg-muted">
        <Link href="/cities" className="hover:text-fg">
          {tCities("title")}
        </Link>
      </nav>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(user.roles, "alerts:manage", user.permissions) ? (
            <Link href="/cities/rules/new" className={buttonClasses("primary", "sm")} data-testid="rule-new">
              {t("new")}
            </Link>
          ) : null
        }
      />
      <RuleTable rules={rules} />
    </div>
  );
}

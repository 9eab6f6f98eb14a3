import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { DailyMailToggle } from "@/components/reports/daily-mail-toggle";
import { ReportsView } from "@/components/reports/reports-view";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

export default async function ReportsPage() {
  await requirePagePermission("reports:read", "/reports");
  const api = await serverApi();
  const catalogue = await api.reports.catalogue();
  const t = await getTranslations("reports");
  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} actions={<DailyMailToggle />} />
      <ReportsView catalogue={catalogue} />
    </div>
  );
}

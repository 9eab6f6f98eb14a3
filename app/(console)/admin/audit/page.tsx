import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { SearchParams } from "nuqs/server";
import { AppendOnlyNotice } from "@/components/admin/append-only-notice";
import { auditListInput, loadAuditFilters } from "@/components/admin/audit-filters";
import { AuditLog } from "@/components/admin/audit-log";
import { PageHeader } from "@/components/layout/page-header";
import { RetentionPolicy } from "@/components/retention/retention-policy";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.audit");
  return { title: t("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("audit:read", "/admin/audit");
  const filters = await loadAuditFilters(searchParams);
  // The first page is rendered on the server; "Load more" and filter changes fetch from the client.
  const firstPage = await (await serverApi()).audit.list(auditListInput(filters));
  const t = await getTranslations("admin.audit");

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")}>
        <AppendOnlyNotice />
      </PageHeader>
      <AuditLog initialFilters={filters} initialPage={firstPage} />
      <RetentionPolicy />
    </div>
  );
}

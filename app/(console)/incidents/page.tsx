import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { IncidentList } from "@/components/incidents/incident-list";
import { PageHeader } from "@/components/layout/page-header";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("incidents");
  return { title: t("title") };
}

export default async function IncidentsPage() {
  await requirePagePermission("incidents:read", "/incidents");
  const t = await getTranslations("incidents");
  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <p className="mb-4 text-sm">
        <Link href="/incidents/rules" className="underline">
          {t("rules.title")}
        </Link>
      </p>
      <IncidentList />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EventHub } from "@/components/admin/hub/event-hub";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("hub");
  return { title: t("title") };
}

export default async function EventHubPage() {
  await requirePagePermission("events:manage", "/admin/hub");
  const api = await serverApi();
  const [overview, dead] = await Promise.all([
    api.hub.overview(),
    api.hub.deadLetters({ status: "dead", limit: 100 }),
  ]);
  const t = await getTranslations("hub");

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/events/catalogue" className="text-sm text-accent underline-offset-2 hover:underline">
            {t("catalogueLink")}
          </Link>
        }
      />
      <EventHub initial={overview} initialDead={dead.rows} />
    </div>
  );
}

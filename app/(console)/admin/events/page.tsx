import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EventBackbone } from "@/components/admin/backbone/event-backbone";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.backbone");
  return { title: t("title") };
}

export default async function EventBackbonePage() {
  await requirePagePermission("events:manage", "/admin/events");
  const overview = await (await serverApi()).backbone.overview({ limit: 100 });
  const t = await getTranslations("admin.backbone");

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <EventBackbone initial={overview} />
    </div>
  );
}

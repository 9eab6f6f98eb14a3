import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationsAdmin } from "@/components/admin/notifications/notifications-admin";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notificationsAdmin");
  return { title: t("title") };
}

export default async function NotificationsAdminPage() {
  await requirePagePermission("notifications:manage", "/admin/notifications");
  const api = await serverApi();
  const [channels, outbox] = await Promise.all([
    api.notifications.channels(),
    api.notifications.outbox({ limit: 100 }),
  ]);
  const t = await getTranslations("notificationsAdmin");

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <NotificationsAdmin initialChannels={channels} initialOutbox={outbox} />
    </div>
  );
}

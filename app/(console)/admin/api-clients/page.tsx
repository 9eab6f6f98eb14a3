import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiClientsManager } from "@/components/admin/api-clients-manager";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.apiClients");
  return { title: t("title") };
}

export default async function ApiClientsPage() {
  await requirePagePermission("api_clients:manage", "/admin/api-clients");
  const clients = await (await serverApi()).apiClients.list();
  const t = await getTranslations("admin.apiClients");

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <ApiClientsManager initialClients={clients} />
    </div>
  );
}

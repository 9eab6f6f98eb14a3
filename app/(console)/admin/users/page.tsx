import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UsersManager } from "@/components/admin/users/users-manager";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("security.users");
  return { title: t("pageTitle") };
}

export default async function UsersPage() {
  await requirePagePermission("users:manage", "/admin/users");
  const api = await serverApi();
  const [users, options] = await Promise.all([api.users.list(), api.users.options()]);
  const t = await getTranslations("security.users");
  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader title={t("pageTitle")} />
      <UsersManager initialUsers={users} options={options} />
    </div>
  );
}

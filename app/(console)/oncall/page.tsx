import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { OncallBoard } from "@/components/oncall/oncall-board";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oncall");
  return { title: t("title") };
}

export default async function OncallPage() {
  const user = await requirePagePermission("oncall:read", "/oncall");
  const api = await serverApi();
  const [schedules, policies, escalations] = await Promise.all([
    api.oncall.schedules(),
    api.oncall.policies(),
    api.oncall.escalations(),
  ]);
  const t = await getTranslations("oncall");
  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <p className="mb-4 text-sm">
        <Link href="/oncall/me" className="text-accent underline-offset-2 hover:underline">
          {t("myPreferences")}
        </Link>
      </p>
      <OncallBoard
        initialSchedules={schedules}
        initialPolicies={policies}
        initialEscalations={escalations}
        canManage={can(user.roles, "oncall:manage", user.permissions)}
        userId={user.id}
      />
    </div>
  );
}

import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { draftFromRule } from "@/components/cities/rule-draft";
import { RuleEditor } from "@/components/cities/rule-editor";
import { PageHeader } from "@/components/layout/page-header";
import { serverApi } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";

interface RulePageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cities.editor");
  return { title: t("editTitle") };
}

export default async function RulePage({ params }: RulePageProps) {
  const { id } = await params;
  const user = await requirePagePermission("cities:read", `/cities/rules/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const api = await serverApi();
  const view = await api.alerts.rules.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [options, t] = await Promise.all([api.alerts.rules.options(), getTranslations("cities.editor")]);

  return (
    <div className="mx-auto w-full max-w-[96rem] px-6 py-8">
      <PageHeader title={view.name} description={t("description")} />
      {view.rule ? (
        <RuleEditor
          initial={draftFromRule(view.rule)}
          existing={{ id: view.id, version: view.version }}
          options={options}
          canManage={can(user.roles, "alerts:manage", user.permissions)}
        />
      ) : (
        <p role="alert" className="text-sm text-danger">
          {t("invalidStored", { issues: view.issues.join("; ") })}
        </p>
      )}
    </div>
  );
}

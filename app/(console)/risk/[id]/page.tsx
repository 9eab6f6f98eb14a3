import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CaseDetailView } from "@/components/risk/case-detail";
import { serverApi } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("risk.list");
  return { title: t("title") };
}

const caseId = z.uuid();

export default async function RiskCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("risks:read", `/risk/${id}`);
  if (!caseId.safeParse(id).success) notFound();
  const api = await serverApi();
  const [detail, history] = await Promise.all([
    api.risk.get({ caseId: id }).catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
    api.risk.history({ caseId: id }),
  ]);

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8 max-sm:px-3 max-sm:py-4">
      <CaseDetailView
        initialCase={detail}
        initialHistory={history}
        canWrite={can(user.roles, "risks:write", user.permissions)}
        canRevealPii={can(user.roles, "pii:view", user.permissions)}
      />
    </div>
  );
}

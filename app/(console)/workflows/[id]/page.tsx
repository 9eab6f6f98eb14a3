import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { WorkflowDetailView } from "@/components/workflows/workflow-detail";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workflows.panel");
  return { title: t("title") };
}

const workflowId = z.uuid();

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("workflows:read", `/workflows/${id}`);
  if (!workflowId.safeParse(id).success) notFound();
  const api = await serverApi();
  const detail = await api.workflows.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="mx-auto w-full max-w-4xl px-6 py-8 max-sm:px-3 max-sm:py-4">
      <WorkflowDetailView initial={detail} userId={user.id} />
    </div>
  );
}

import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DemoDataBadge } from "@/components/cities/badges";
import { CityDetailView } from "@/components/cities/city-detail";
import { PageHeader } from "@/components/layout/page-header";
import { ChevronRightIcon } from "@/components/ui/icons";
import { serverApi } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";
import { cityCodeSchema } from "@/server/cities/contract";
import { demoFeedEnabled } from "@/server/seed/demo-feed";

interface CityPageProps {
  params: Promise<{ code: string }>;
}

export async function generateMetadata({ params }: CityPageProps): Promise<Metadata> {
  const t = await getTranslations("cities");
  return { title: `${(await params).code.toUpperCase()} · ${t("title")}` };
}

export default async function CityPage({ params }: CityPageProps) {
  const raw = (await params).code;
  const user = await requirePagePermission("cities:read", `/cities/${encodeURIComponent(raw)}`);
  const code = cityCodeSchema.safeParse(raw);
  if (!code.success) notFound();
  const detail = await (await serverApi()).cities.detail({ code: code.data }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("cities"), getLocale()]);
  const { status } = detail;

  return (
    <div className="mx-auto w-full max-w-[96rem] px-6 py-6 max-sm:px-3">
      <nav aria-label={t("detail.breadcrumb")} className="mb-2 flex items-center gap-1 text-xs text-fg-muted">
        <Link href="/cities" className="hover:text-fg">
          {t("title")}
        </Link>
        <ChevronRightIcon className="size-3" />
        <span aria-current="page">{status.code}</span>
      </nav>
      <PageHeader
        title={
          <span className="flex items-baseline gap-3">
            {locale === "ja" ? status.nameJa : status.name}
            <span className="text-sm font-normal tracking-wide text-fg-muted">{status.code}</span>
          </span>
        }
        description={t("detail.description", { timezone: status.timezone })}
        actions={demoFeedEnabled() ? <DemoDataBadge /> : null}
      />
      <CityDetailView
        code={status.code}
        initialDetail={detail}
        canManage={can(user.roles, "alerts:manage", user.permissions)}
      />
    </div>
  );
}

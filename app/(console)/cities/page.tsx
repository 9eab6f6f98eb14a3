import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DemoDataBadge } from "@/components/cities/badges";
import { CityBoard } from "@/components/cities/city-board";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClasses } from "@/components/ui/button";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";
import { demoFeedEnabled } from "@/server/seed/demo-feed";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cities");
  return { title: t("title") };
}

export default async function CitiesPage() {
  await requirePagePermission("cities:read", "/cities");
  const [tiles, t] = await Promise.all([(await serverApi()).cities.board(), getTranslations("cities")]);

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {demoFeedEnabled() ? <DemoDataBadge /> : null}
            <Link href="/cities/rules" className={buttonClasses("secondary", "sm")} data-testid="rules-link">
              {t("rulesLink")}
            </Link>
          </>
        }
      />
      <CityBoard initialTiles={tiles} />
    </div>
  );
}

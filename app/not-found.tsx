import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";
import { CompassIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  return { title: t("title") };
}

export default async function NotFound() {
  const t = await getTranslations("notFound");
  const tCommon = await getTranslations("common");
  return (
    <StatusPage
      icon={<CompassIcon className="size-5" />}
      code={t("code")}
      title={t("title")}
      body={t("body")}
      linkLabel={tCommon("backToOverview")}
    />
  );
}

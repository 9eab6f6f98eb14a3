import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";
import { LockIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("forbidden");
  return { title: t("title") };
}

export default async function Forbidden() {
  const t = await getTranslations("forbidden");
  const tCommon = await getTranslations("common");
  return (
    <StatusPage
      icon={<LockIcon className="size-5" />}
      code={t("code")}
      title={t("title")}
      body={t("body")}
      linkLabel={tCommon("backToOverview")}
    />
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CatalogueEntryCard } from "@/components/hub/catalogue-entry";
import { PageHeader } from "@/components/layout/page-header";
import { catalogueEntries } from "@/server/hub/admin/catalogue-fields";
import { SOURCE_KEYS } from "@/server/hub/catalogue";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalogue");
  return { title: t("title") };
}

/** The subscribed events and their payloads, for every signed-in user and the integrators they work with. */
export default async function EventCataloguePage() {
  const t = await getTranslations("catalogue");
  const entries = catalogueEntries();

  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a
            href="/api/operations/openapi.json"
            className="text-sm text-accent underline-offset-2 hover:underline"
          >
            {t("openapi")}
          </a>
        }
      >
        <p className="mt-3 max-w-3xl text-sm text-fg-muted">{t("envelope")}</p>
      </PageHeader>
      <div className="space-y-8">
        {SOURCE_KEYS.map((source) => (
          <section
            key={source}
            aria-labelledby={`source-${source}`}
            className="space-y-3"
            data-testid="catalogue-source"
          >
            <h2 id={`source-${source}`} className="text-sm font-semibold">
              {t(`sources.${source}`)}{" "}
              <span className="font-mono text-xs text-fg-muted">source: {source}</span>
            </h2>
            {entries
              .filter((entry) => entry.source === source)
              .map((entry) => (
                <CatalogueEntryCard key={`${entry.type}:${entry.version}`} entry={entry} />
              ))}
          </section>
        ))}
      </div>
    </div>
  );
}

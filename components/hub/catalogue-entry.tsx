import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import type { CatalogueEntry } from "@/server/hub/admin/catalogue-fields";

/** One event type at one data version: its fields and a minimal example of a whole CloudEvent. */
export function CatalogueEntryCard({ entry }: { entry: CatalogueEntry }) {
  const t = useTranslations("catalogue");
  const example = {
    specversion: "1.0",
    id: "evt-0001",
    source: entry.source,
    type: entry.type,
    time: "2026-03-02T12:00:00+09:00",
    ...(entry.version === 1 ? {} : { dataversion: entry.version }),
    data: entry.example,
  };
  return (
    <article
      id={entry.type}
      data-testid="catalogue-entry"
      data-type={entry.type}
      className="space-y-2 rounded-lg border border-border bg-surface p-4 shadow-xs"
    >
      <h3 className="flex flex-wrap items-baseline gap-2 text-sm">
        <span className="font-semibold">{entry.type}</span>
        <span className="text-xs text-fg-muted">{t("version", { version: entry.version })}</span>
      </h3>
      <DataTable
        testId="catalogue-fields"
        caption={t("fieldsCaption", { type: entry.type, version: entry.version })}
        columns={
          <>
            <th className="px-3 py-2 font-medium">{t("field")}</th>
            <th className="px-3 py-2 font-medium">{t("type")}</th>
            <th className="px-3 py-2 font-medium">{t("required")}</th>
          </>
        }
      >
        {entry.fields.map((field) => (
          <tr key={field.name}>
            <td className="px-3 py-1.5 font-mono text-xs">{field.name}</td>
            <td className="px-3 py-1.5 text-xs break-words">{field.type}</td>
            <td className="px-3 py-1.5 text-xs">{field.required ? t("yes") : t("no")}</td>
          </tr>
        ))}
      </DataTable>
      <pre className="overflow-x-auto rounded-md bg-surface-muted p-3 font-mono text-xs">
        {JSON.stringify(example, null, 2)}
      </pre>
    </article>
  );
}

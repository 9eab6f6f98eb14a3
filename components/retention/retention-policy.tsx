import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import { KEPT_TABLES, RETENTION_POLICY } from "@/server/retention/policy";

/** The data retention policy as the retention job applies it (server/retention/policy.ts), read-only. */
export function RetentionPolicy() {
  const t = useTranslations("retention.policy");
  return (
    <section aria-labelledby="retention-policy-title" className="mt-10" data-testid="retention-policy">
      <h2 id="retention-policy-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 mb-3 text-sm text-fg-muted">{t("description")}</p>
      <DataTable
        testId="retention-policy-table"
        caption={t("caption")}
        columns={
          <>
            <th className="px-3 py-2 font-medium">{t("subject")}</th>
            <th className="px-3 py-2 font-medium">{t("keptFor")}</th>
            <th className="px-3 py-2 font-medium">{t("appliedBy")}</th>
          </>
        }
      >
        {RETENTION_POLICY.map((rule) => (
          <tr key={rule.subject} data-testid={`retention-rule-${rule.subject}`}>
            <td className="px-3 py-2">{t(`subjects.${rule.subject}`)}</td>
            <td className="px-3 py-2 tabular-nums">
              {"days" in rule ? t("days", { days: rule.days }) : t("years", { years: rule.years })}
            </td>
            <td className="px-3 py-2 text-fg-muted">{t("appliedByArchive")}</td>
          </tr>
        ))}
      </DataTable>
      <p className="mt-3 text-xs text-fg-muted">{t("keptForEver", { tables: KEPT_TABLES.join(", ") })}</p>
    </section>
  );
}

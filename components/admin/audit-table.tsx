import { useTranslations } from "next-intl";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import { AUDIT_COLUMN_COUNT, AuditRow } from "./audit-row";
import type { AuditEntry } from "./audit-types";

interface AuditTableProps {
  entries: readonly AuditEntry[];
  loading: boolean;
  /** Rows of the previous filters, shown while the new ones load. */
  stale: boolean;
  emptyText: string;
}

export function AuditTable({ entries, loading, stale, emptyText }: AuditTableProps) {
  const t = useTranslations("admin.audit.columns");
  const tAudit = useTranslations("admin.audit");
  return (
    <DataTable
      testId="audit-table"
      caption={tAudit("caption")}
      busy={loading || stale}
      stale={stale}
      columns={
        <>
          <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
            {t("time")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("actor")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("action")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("entity")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
            {t("correlation")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("details")}
          </th>
        </>
      }
    >
      {entries.map((entry) => (
        <AuditRow key={entry.seq} entry={entry} />
      ))}
      {entries.length === 0 ? (
        <EmptyTableRow colSpan={AUDIT_COLUMN_COUNT} loading={loading}>
          {emptyText}
        </EmptyTableRow>
      ) : null}
    </DataTable>
  );
}

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
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
    <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-xs">
      <table
        data-testid="audit-table"
        aria-busy={loading || stale}
        className={cn("w-full text-left text-sm transition-opacity", stale && "opacity-60")}
      >
        <caption className="sr-only">{tAudit("caption")}</caption>
        <thead className="border-b border-border bg-surface-muted text-xs text-fg-muted">
          <tr>
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
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {entries.map((entry) => (
            <AuditRow key={entry.seq} entry={entry} />
          ))}
          {entries.length === 0 ? (
            <tr>
              <td colSpan={AUDIT_COLUMN_COUNT} className="px-3 py-10 text-center text-sm text-fg-muted">
                {loading ? <Spinner className="mx-auto" /> : emptyText}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { BackboneOverview } from "@/server/backbone/contract";

/** Each consumer's backlog: waiting deliveries, the age of the oldest, and dead letters. */
export function ConsumersTable({ consumers }: { consumers: BackboneOverview["consumers"] }) {
  const t = useTranslations("admin.backbone");
  return (
    <DataTable
      testId="backbone-consumers"
      caption={t("consumersCaption")}
      columns={
        <>
          <th className="px-3 py-2 font-medium">{t("columns.consumer")}</th>
          <th className="px-3 py-2 text-right font-medium">{t("columns.pending")}</th>
          <th className="px-3 py-2 text-right font-medium">{t("columns.lag")}</th>
          <th className="px-3 py-2 text-right font-medium">{t("columns.dead")}</th>
        </>
      }
    >
      {consumers.map((row) => (
        <tr key={row.consumer} data-testid="backbone-consumer" data-consumer={row.consumer}>
          <td className="px-3 py-2 font-mono text-xs">{row.consumer}</td>
          <td className="px-3 py-2 text-right tabular-nums">{row.pending}</td>
          <td className="px-3 py-2 text-right tabular-nums">{t("seconds", { seconds: row.lagSeconds })}</td>
          <td className="px-3 py-2 text-right">
            {row.dead > 0 ? <Badge tone="danger">{row.dead}</Badge> : <span className="tabular-nums">0</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

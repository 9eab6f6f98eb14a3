"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import type { DeadLetterDto } from "@/server/backbone/contract";

const COLUMN_COUNT = 6;

export const deadLetterKey = (row: Pick<DeadLetterDto, "consumer" | "eventSeq">) =>
  `${row.consumer}:${row.eventSeq}`;

interface DeadLettersTableProps {
  rows: DeadLetterDto[];
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onRedrive: (rows: DeadLetterDto[]) => void;
  busy: boolean;
}

/** Deliveries that ran out of attempts, newest first, with the error each last failed with. */
export function DeadLettersTable({ rows, selected, onToggle, onRedrive, busy }: DeadLettersTableProps) {
  const t = useTranslations("admin.backbone");
  const format = useFormatter();
  return (
    <DataTable
      testId="backbone-dead-letters"
      caption={t("deadCaption")}
      busy={busy}
      columns={
        <>
          <th className="w-8 px-3 py-2">
            <span className="sr-only">{t("columns.select")}</span>
          </th>
          <th className="px-3 py-2 font-medium">{t("columns.event")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.consumer")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.error")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.failedAt")}</th>
          <th className="px-3 py-2">
            <span className="sr-only">{t("columns.actions")}</span>
          </th>
        </>
      }
    >
      {rows.length === 0 ? (
        <EmptyTableRow colSpan={COLUMN_COUNT} testId="backbone-no-dead-letters">
          {t("noDeadLetters")}
        </EmptyTableRow>
      ) : (
        rows.map((row) => {
          const key = deadLetterKey(row);
          return (
            <tr
              key={key}
              data-testid="backbone-dead-letter"
              data-event-id={row.eventId}
              className="align-top"
            >
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={t("selectRow", { event: row.eventType, seq: row.eventSeq })}
                  checked={selected.has(key)}
                  onChange={() => onToggle(key)}
                />
              </td>
              <td className="px-3 py-2">
                <span className="block font-medium">{row.eventType}</span>
                <span className="block font-mono text-xs text-fg-muted">
                  #{row.eventSeq} · {row.aggregateKey}
                </span>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{row.consumer}</td>
              <td className="max-w-md px-3 py-2">
                <span className="block text-xs break-words text-danger">{row.lastError ?? "—"}</span>
                <span className="block text-xs text-fg-muted">{t("attempts", { count: row.attempts })}</span>
              </td>
              <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
                {row.failedAt ? format.dateTime(row.failedAt, "precise") : "—"}
              </td>
              <td className="px-3 py-2 text-right">
                <Button
                  size="sm"
                  disabled={busy}
                  data-testid="backbone-redrive"
                  onClick={() => onRedrive([row])}
                >
                  {t("redrive")}
                </Button>
              </td>
            </tr>
          );
        })
      )}
    </DataTable>
  );
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import type { DeadLetterRow } from "@/server/hub/admin/contract";

const COLUMN_COUNT = 6;
const DATE_TIME = { dateStyle: "medium", timeStyle: "medium" } as const;

interface DeadLettersTableProps {
  rows: DeadLetterRow[];
  selected: ReadonlySet<string>;
  onToggle: (receiptId: string) => void;
  onReplay: (rows: DeadLetterRow[]) => void;
  busy: boolean;
}

/** Inbound events processing gave up on (or kept without a route), newest first, with the error and the payload. */
export function DeadLettersTable({ rows, selected, onToggle, onReplay, busy }: DeadLettersTableProps) {
  const t = useTranslations("hub");
  const format = useFormatter();
  return (
    <DataTable
      testId="hub-dead-letters"
      caption={t("deadCaption")}
      busy={busy}
      columns={
        <>
          <th className="w-8 px-3 py-2">
            <span className="sr-only">{t("columns.select")}</span>
          </th>
          <th className="px-3 py-2 font-medium">{t("columns.event")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.error")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.payload")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.receivedAt")}</th>
          <th className="px-3 py-2">
            <span className="sr-only">{t("columns.actions")}</span>
          </th>
        </>
      }
    >
      {rows.length === 0 ? (
        <EmptyTableRow colSpan={COLUMN_COUNT} testId="hub-no-dead-letters">
          {t("noDeadLetters")}
        </EmptyTableRow>
      ) : (
        rows.map((row) => (
          <tr
            key={row.receiptId}
            data-testid="hub-dead-letter"
            data-receipt-id={row.receiptId}
            data-event-id={row.eventId}
            className="align-top"
          >
            <td className="px-3 py-2">
              <input
                type="checkbox"
                aria-label={t("selectRow", { type: row.type, receipt: row.receiptId })}
                checked={selected.has(row.receiptId)}
                onChange={() => onToggle(row.receiptId)}
              />
            </td>
            <td className="px-3 py-2">
              <span className="block font-medium">{row.type}</span>
              <span className="block font-mono text-xs text-fg-muted">
                {row.source} · {row.eventId}
              </span>
            </td>
            <td className="max-w-sm px-3 py-2">
              {row.failureClass ? <Badge tone="danger">{row.failureClass}</Badge> : null}
              <span className="mt-1 block text-xs break-words text-danger">{row.lastError ?? "—"}</span>
              <span className="block text-xs text-fg-muted">{t("attempts", { count: row.attempts })}</span>
            </td>
            <td className="max-w-sm px-3 py-2">
              <code className="block font-mono text-xs break-all text-fg-muted">{row.payloadPreview}</code>
            </td>
            <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
              {format.dateTime(row.receivedAt, DATE_TIME)}
            </td>
            <td className="px-3 py-2 text-right">
              <Button size="sm" disabled={busy} data-testid="hub-replay-row" onClick={() => onReplay([row])}>
                {t("replayRow")}
              </Button>
            </td>
          </tr>
        ))
      )}
    </DataTable>
  );
}

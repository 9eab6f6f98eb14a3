"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectableTable } from "@/components/ui/selectable-table";
import type { DeadLetterRow } from "@/server/hub/admin/contract";

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
    <SelectableTable
      testId="hub-dead-letters"
      caption={t("deadCaption")}
      busy={busy}
      headings={[t("columns.event"), t("columns.error"), t("columns.payload"), t("columns.receivedAt")]}
      selectHeading={t("columns.select")}
      actionHeading={t("columns.actions")}
      rows={rows}
      keyOf={(row) => row.receiptId}
      dataOf={(row) => ({
        "data-testid": "hub-dead-letter",
        "data-receipt-id": row.receiptId,
        "data-event-id": row.eventId,
      })}
      checkboxLabel={(row) => t("selectRow", { type: row.type, receipt: row.receiptId })}
      selected={selected}
      onToggle={onToggle}
      empty={{ testId: "hub-no-dead-letters", text: t("noDeadLetters") }}
      cells={(row) => (
        <>
          <td className="px-3 py-2">
            <span className="block font-medium">{row.type}</span>
            <span className="block font-mono text-xs text-fg-muted">
              {row.source} · {row.eventId}
            </span>
          </td>
          <td className="max-w-sm px-3 py-2">
            {row.failureClass ? <Badge tone="danger">{row.failureClass}</Badge> : null}
            {/* An unrouted row's text is the reason it was kept, not an error. */}
            <span
              className={`mt-1 block text-xs break-words ${row.status === "unrouted" ? "text-fg" : "text-danger"}`}
            >
              {row.lastError ?? "—"}
            </span>
            <span className="block text-xs text-fg-muted">{t("attempts", { count: row.attempts })}</span>
          </td>
          <td className="max-w-sm px-3 py-2">
            <code className="block font-mono text-xs break-all text-fg-muted">{row.payloadPreview}</code>
          </td>
          <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
            {format.dateTime(row.receivedAt, DATE_TIME)}
          </td>
        </>
      )}
      action={(row) => (
        <Button size="sm" disabled={busy} data-testid="hub-replay-row" onClick={() => onReplay([row])}>
          {t("replayRow")}
        </Button>
      )}
    />
  );
}

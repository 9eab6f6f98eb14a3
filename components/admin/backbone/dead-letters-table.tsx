"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { SelectableTable } from "@/components/ui/selectable-table";
import type { DeadLetterDto } from "@/server/backbone/contract";

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
    <SelectableTable
      testId="backbone-dead-letters"
      caption={t("deadCaption")}
      busy={busy}
      headings={[t("columns.event"), t("columns.consumer"), t("columns.error"), t("columns.failedAt")]}
      selectHeading={t("columns.select")}
      actionHeading={t("columns.actions")}
      rows={rows}
      keyOf={deadLetterKey}
      dataOf={(row) => ({ "data-testid": "backbone-dead-letter", "data-event-id": row.eventId })}
      checkboxLabel={(row) => t("selectRow", { event: row.eventType, seq: row.eventSeq })}
      selected={selected}
      onToggle={onToggle}
      empty={{ testId: "backbone-no-dead-letters", text: t("noDeadLetters") }}
      cells={(row) => (
        <>
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
        </>
      )}
      action={(row) => (
        <Button size="sm" disabled={busy} data-testid="backbone-redrive" onClick={() => onRedrive([row])}>
          {t("redrive")}
        </Button>
      )}
    />
  );
}

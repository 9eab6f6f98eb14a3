"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { ChevronRightIcon } from "@/components/ui/icons";
import { AuditActor, AuditEntity } from "./audit-cells";
import type { AuditEntry } from "./audit-types";

export const AUDIT_COLUMN_COUNT = 6;

/** How many top-level fields the details hold; null when there is nothing worth expanding. */
function fieldCount(details: AuditEntry["details"]): number | null {
  if (details === null) return null;
  if (typeof details !== "object") return 1;
  const count = Object.keys(details).length;
  return count > 0 ? count : null;
}

export function AuditRow({ entry }: { entry: AuditEntry }) {
  const t = useTranslations("admin.audit");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const fields = fieldCount(entry.details);

  return (
    <>
      <tr data-testid="audit-row" data-action={entry.action} className="align-top hover:bg-surface-muted/50">
        <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
          <time dateTime={entry.occurredAt.toISOString()} title={entry.occurredAt.toISOString()}>
            {format.dateTime(entry.occurredAt, "precise")}
          </time>
        </td>
        <td className="px-3 py-2">
          <AuditActor entry={entry} />
        </td>
        <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{entry.action}</td>
        <td className="px-3 py-2">
          <AuditEntity entry={entry} />
        </td>
        <td className="px-3 py-2">
          <span
            title={entry.correlationId}
            className="block max-w-36 truncate font-mono text-xs text-fg-muted"
          >
            {entry.correlationId}
          </span>
        </td>
        <td className="px-3 py-2">
          {fields === null ? (
            <span className="text-xs text-fg-muted">—</span>
          ) : (
            <button
              type="button"
              data-testid="audit-details-toggle"
              aria-expanded={open}
              aria-controls={open ? detailsId : undefined}
              onClick={() => setOpen((wasOpen) => !wasOpen)}
              className="inline-flex items-center gap-1 rounded-sm text-xs whitespace-nowrap text-fg-muted hover:text-fg"
            >
              <ChevronRightIcon className={cn("size-3.5 transition-transform", open && "rotate-90")} />
              {t("fieldCount", { count: fields })}
            </button>
          )}
        </td>
      </tr>
      {open ? (
        <tr id={detailsId} data-testid="audit-details">
          <td colSpan={AUDIT_COLUMN_COUNT} className="bg-surface-muted px-3 py-2">
            <pre className="max-h-80 overflow-auto font-mono text-xs leading-5 break-all whitespace-pre-wrap">
              {JSON.stringify(entry.details, null, 2)}
            </pre>
          </td>
        </tr>
      ) : null}
    </>
  );
}

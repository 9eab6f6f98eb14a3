"use client";

import { useLocale, useTranslations } from "next-intl";
import { changedFields, type DiffField } from "./ticket-diff";
import type { TicketDetail } from "./types";

/** Field by field, what the user saw and what the ticket holds now. */
export function FieldDiffList({ seen, current }: { seen: TicketDetail; current: TicketDetail }) {
  const t = useTranslations("tickets");
  const ja = useLocale() === "ja";
  const fields = changedFields(seen, current);

  const value = (ticket: TicketDetail, field: DiffField): string => {
    switch (field) {
      case "status":
        return t(`status.${ticket.status}`);
      case "priority":
        return `${ticket.priority} · ${t(`priorityName.${ticket.priority}`)}`;
      case "category":
        return t(`category.${ticket.category}`);
      case "assignee":
        return ticket.assignee?.name ?? t("queue.unassigned");
      case "team":
        return ja ? ticket.team.nameJa : ticket.team.name;
      case "subject":
        return ticket.subject;
    }
  };

  if (fields.length === 0) return <p className="text-sm">{t("conflict.onlyActivity")}</p>;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" data-testid="diff-list">
      {fields.map((field) => (
        <div key={field} className="contents" data-testid={`diff-${field}`}>
          <dt className="font-medium">{t(`fields.${field}`)}</dt>
          <dd className="min-w-0">
            <del className="text-fg-muted">{value(seen, field)}</del>
            <span aria-hidden="true"> → </span>
            <span className="sr-only">{t("conflict.nowIs")}</span>
            <ins className="font-semibold no-underline">{value(current, field)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

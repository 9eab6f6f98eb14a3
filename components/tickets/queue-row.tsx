"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { memo } from "react";
import { cn } from "@/components/ui/cn";
import { isActiveStatus } from "@/server/tickets/types";
import { PresenceAvatars } from "./presence-avatars";
import { SlaBadge } from "./sla-badge";
import { EscalationMark, PriorityBadge, StatusBadge } from "./ticket-badges";
import type { QueueItem, RowViewer } from "./types";

export type RowFlash = "new" | "changed";

interface QueueRowProps {
  item: QueueItem;
  index: number;
  active: boolean;
  selected: boolean;
  flash: RowFlash | undefined;
  viewers: readonly RowViewer[] | undefined;
  showTeam: boolean;
  onToggle: (item: QueueItem) => void;
  onActivate: (index: number) => void;
}

const cell = "px-2 py-1.5 align-middle";
// Below sm a row is a two-line list item: checkbox, number and subject, then status, priority, SLA and assignee.
const listItem = "max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:py-1";

export const QueueRow = memo(function QueueRow({
  item,
  index,
  active,
  selected,
  flash,
  viewers,
  showTeam,
  onToggle,
  onActivate,
}: QueueRowProps) {
  const t = useTranslations("tickets");
  const ja = useLocale() === "ja";

  return (
    <tr
      data-testid="queue-row"
      data-ticket-id={item.id}
      data-number={item.number}
      data-row-index={index}
      data-active={active || undefined}
      data-flash={flash}
      onClick={() => onActivate(index)}
      className={cn(
        "transition-colors duration-1000",
        selected ? "bg-accent/5" : "hover:bg-surface-muted/60",
        flash === "new" && "bg-accent/15 duration-150",
        flash === "changed" && "bg-warning/10 duration-150",
        active && "shadow-[inset_3px_0_0_var(--accent)]",
        listItem,
      )}
    >
      <td className={cn(cell, "w-8 pl-3")}>
        <input
          type="checkbox"
          data-testid="row-select"
          aria-label={t("queue.selectTicket", { number: item.number })}
          checked={selected}
          onChange={() => onToggle(item)}
          onClick={(event) => event.stopPropagation()}
          className="size-3.5 accent-accent"
        />
      </td>
      <td className={cn(cell, "w-16 font-mono text-xs text-fg-muted tabular-nums max-sm:w-auto")}>
        #{item.number}
      </td>
      <td className={cn(cell, "max-w-0 w-full max-sm:w-auto max-sm:max-w-none max-sm:min-w-0 max-sm:flex-1")}>
        <div className="flex min-w-0 items-center gap-2">
          <Link
            href={`/tickets/${item.number}`}
            data-testid="row-link"
            className="truncate text-sm font-medium text-fg hover:text-accent hover:underline"
          >
            {item.subject}
          </Link>
          {viewers && viewers.length > 0 ? <PresenceAvatars people={viewers} /> : null}
        </div>
      </td>
      <td className={cn(cell, "hidden text-xs whitespace-nowrap text-fg-muted lg:table-cell")}>
        {t(`category.${item.category}`)}
      </td>
      {/* The list item's line break on phones; not a column anywhere else. */}
      <td aria-hidden="true" className="hidden max-sm:block max-sm:h-0 max-sm:basis-full max-sm:p-0" />
      <td className={cn(cell, "max-sm:ml-8")}>
        <StatusBadge status={item.status} />
      </td>
      <td className={cell}>
        <span className="inline-flex items-center whitespace-nowrap">
          <PriorityBadge priority={item.priority} />
          {isActiveStatus(item.status) ? <EscalationMark level={item.escalationLevel} /> : null}
        </span>
      </td>
      <td className={cell}>
        <SlaBadge sla={item.sla} />
      </td>
      <td
        className={cn(
          cell,
          "text-xs whitespace-nowrap max-sm:ml-auto max-sm:max-w-full max-sm:truncate max-sm:pr-3",
        )}
        data-testid="row-assignee"
      >
        {item.assignee ? item.assignee.name : <span className="text-fg-muted">{t("queue.unassigned")}</span>}
      </td>
      {showTeam ? (
        <td className={cn(cell, "hidden text-xs whitespace-nowrap text-fg-muted xl:table-cell")}>
          {ja ? item.team.nameJa : item.team.name}
        </td>
      ) : null}
      <td className={cn(cell, "hidden pr-3 text-xs whitespace-nowrap text-fg-muted xl:table-cell")}>
        {item.city ? (ja ? item.city.nameJa : item.city.name) : "—"}
      </td>
    </tr>
  );
});

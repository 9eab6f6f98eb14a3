"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import { QueueRow, type RowFlash } from "./queue-row";
import type { QueueItem, RowViewer } from "./types";

interface QueueTableProps {
  items: readonly QueueItem[];
  loading: boolean;
  /** Rows of the previous filters, shown while the new ones load. */
  stale: boolean;
  activeIndex: number;
  selected: ReadonlySet<string>;
  flashes: ReadonlyMap<string, RowFlash>;
  viewers: ReadonlyMap<string, RowViewer[]>;
  showTeam: boolean;
  emptyText: string;
  onToggle: (item: QueueItem) => void;
  onToggleAll: (select: boolean) => void;
  onActivate: (index: number) => void;
}

const head = "px-2 py-2 font-medium whitespace-nowrap";

export function QueueTable(props: QueueTableProps) {
  const { items, loading, stale, activeIndex, selected, flashes, viewers, showTeam, emptyText } = props;
  const t = useTranslations("tickets.queue");
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const someSelected = !allSelected && items.some((item) => selected.has(item.id));
  const columns = showTeam ? 10 : 9;

  return (
    <DataTable
      testId="queue-table"
      caption={t("caption")}
      busy={loading || stale}
      stale={stale}
      listOnPhones
      columns={
        <>
          <th scope="col" className={cn(head, "w-8 pl-3")}>
            <input
              type="checkbox"
              data-testid="select-all"
              aria-label={t("selectAll")}
              checked={allSelected}
              ref={(input) => {
                if (input) input.indeterminate = someSelected;
              }}
              onChange={(event) => props.onToggleAll(event.target.checked)}
              className="size-3.5 accent-accent"
            />
          </th>
          <th scope="col" className={head}>
            #
          </th>
          <th scope="col" className={head}>
            {t("subject")}
          </th>
          <th scope="col" className={cn(head, "hidden lg:table-cell")}>
            {t("category")}
          </th>
          <th scope="col" className={head}>
            {t("status")}
          </th>
          <th scope="col" className={head}>
            {t("priority")}
          </th>
          <th scope="col" className={head} aria-sort="ascending">
            {t("sla")}
          </th>
          <th scope="col" className={head}>
            {t("assignee")}
          </th>
          {showTeam ? (
            <th scope="col" className={cn(head, "hidden xl:table-cell")}>
              {t("team")}
            </th>
          ) : null}
          <th scope="col" className={cn(head, "hidden pr-3 xl:table-cell")}>
            {t("city")}
          </th>
        </>
      }
    >
      {items.map((item, index) => (
        <QueueRow
          key={item.id}
          item={item}
          index={index}
          active={index === activeIndex}
          selected={selected.has(item.id)}
          flash={flashes.get(item.id)}
          viewers={viewers.get(item.id)}
          showTeam={showTeam}
          onToggle={props.onToggle}
          onActivate={props.onActivate}
        />
      ))}
      {items.length === 0 ? (
        <EmptyTableRow colSpan={columns} loading={loading} testId="queue-empty">
          {emptyText}
        </EmptyTableRow>
      ) : null}
    </DataTable>
  );
}

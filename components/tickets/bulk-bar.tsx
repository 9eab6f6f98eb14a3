"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@/server/tickets/types";
import { agentGroups } from "./queue-toolbar";
import { SelectFilter } from "./select-filter";
import type { BulkChange, FilterOptions } from "./types";

interface BulkBarProps {
  count: number;
  selfId: string;
  options: FilterOptions;
  busy: boolean;
  onApply: (change: BulkChange) => void;
  onClear: () => void;
}

const UNASSIGN = "unassigned";

/** What to change on every selected ticket: any of assignee, status and priority, applied together. */
export function BulkBar({ count, selfId, options, busy, onApply, onClear }: BulkBarProps) {
  const t = useTranslations("tickets");
  const ja = useLocale() === "ja";
  const [assignee, setAssignee] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const change: BulkChange = {
    assigneeId: assignee === null ? undefined : assignee === UNASSIGN ? null : assignee,
    status: TICKET_STATUSES.find((value) => value === status),
    priority: TICKET_PRIORITIES.find((value) => value === priority),
  };
  const empty = Object.values(change).every((value) => value === undefined);

  return (
    <div
      role="region"
      aria-label={t("bulk.label")}
      data-testid="bulk-bar"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-accent/40 bg-accent/5 px-3 py-2"
    >
      <span className="text-sm font-medium text-fg" data-testid="bulk-count">
        {t("bulk.selected", { count })}
      </span>
      <span aria-hidden="true" className="mx-1 h-5 w-px bg-border" />
      <SelectFilter
        testId="bulk-assignee"
        label={t("bulk.assignee")}
        anyLabel={t("bulk.assigneeKeep")}
        value={assignee}
        options={[
          { value: selfId, label: t("bulk.assignMe") },
          { value: UNASSIGN, label: t("bulk.unassign") },
        ]}
        groups={agentGroups(options, (item) => (ja ? item.nameJa : item.name))}
        onChange={setAssignee}
      />
      <SelectFilter
        testId="bulk-status"
        label={t("bulk.status")}
        anyLabel={t("bulk.statusKeep")}
        value={status}
        options={TICKET_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
        onChange={setStatus}
      />
      <SelectFilter
        testId="bulk-priority"
        label={t("bulk.priority")}
        anyLabel={t("bulk.priorityKeep")}
        value={priority}
        options={TICKET_PRIORITIES.map((value) => ({
          value,
          label: `${value} · ${t(`priorityName.${value}`)}`,
        }))}
        onChange={setPriority}
      />
      <Button
        size="sm"
        variant="primary"
        className="h-8"
        data-testid="bulk-apply"
        disabled={empty || busy}
        onClick={() => onApply(change)}
      >
        {t("bulk.apply", { count })}
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto h-8" data-testid="bulk-clear" onClick={onClear}>
        {t("bulk.clear")}
      </Button>
    </div>
  );
}

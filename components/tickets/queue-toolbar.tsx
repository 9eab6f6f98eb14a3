"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ReactNode, RefObject } from "react";
import { Button } from "@/components/ui/button";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/server/tickets/types";
import { MultiSelectFilter } from "./multi-select-filter";
import { activeFilterCount, NO_FILTERS, SLA_FILTERS, type QueueFilters } from "./queue-filters";
import { SearchBox } from "./search-box";
import { SelectFilter } from "./select-filter";
import type { FilterOptions } from "./types";

interface QueueToolbarProps {
  filters: QueueFilters;
  onChange: (patch: Partial<QueueFilters>, options?: { replace?: boolean }) => void;
  options: FilterOptions;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Placed first in the row, e.g. the saved views menu. */
  leading?: ReactNode;
}

/** Agents grouped by team, for assignee menus. */
export function agentGroups(
  options: FilterOptions,
  named: (item: { name: string; nameJa: string }) => string,
) {
  return options.teams.map((team) => ({
    label: named(team),
    options: options.agents.filter((a) => a.teamId === team.id).map((a) => ({ value: a.id, label: a.name })),
  }));
}

export function QueueToolbar({ filters, onChange, options, searchRef, leading }: QueueToolbarProps) {
  const t = useTranslations("tickets");
  const ja = useLocale() === "ja";
  const named = (item: { name: string; nameJa: string }) => (ja ? item.nameJa : item.name);

  return (
    <div role="search" aria-label={t("filters.label")} className="flex flex-wrap items-center gap-2">
      {leading}
      <SearchBox
        value={filters.q}
        inputRef={searchRef}
        onSearch={(q) => onChange({ q }, { replace: true })}
      />
      <MultiSelectFilter
        name="status"
        label={t("filters.status")}
        options={TICKET_STATUSES}
        optionLabel={(value) => t(`status.${value}`)}
        selected={filters.status}
        onChange={(status) => onChange({ status })}
      />
      <MultiSelectFilter
        name="priority"
        label={t("filters.priority")}
        options={TICKET_PRIORITIES}
        optionLabel={(value) => `${value} · ${t(`priorityName.${value}`)}`}
        selected={filters.priority}
        onChange={(priority) => onChange({ priority })}
      />
      <MultiSelectFilter
        name="category"
        label={t("filters.category")}
        options={TICKET_CATEGORIES}
        optionLabel={(value) => t(`category.${value}`)}
        selected={filters.category}
        onChange={(category) => onChange({ category })}
      />
      <SelectFilter
        testId="filter-assignee"
        label={t("filters.assignee")}
        anyLabel={t("filters.assigneeAny")}
        value={filters.assignee}
        options={[
          { value: "me", label: t("filters.assigneeMe") },
          { value: "unassigned", label: t("filters.assigneeNone") },
        ]}
        groups={agentGroups(options, named)}
        onChange={(assignee) => onChange({ assignee })}
      />
      {options.teams.length > 1 ? (
        <SelectFilter
          testId="filter-team"
          label={t("filters.team")}
          anyLabel={t("filters.teamAny")}
          value={filters.team}
          options={options.teams.map((team) => ({ value: team.id, label: named(team) }))}
          onChange={(team) => onChange({ team })}
        />
      ) : null}
      <SelectFilter
        testId="filter-city"
        label={t("filters.city")}
        anyLabel={t("filters.cityAny")}
        value={filters.city}
        options={options.cities.map((city) => ({ value: city.id, label: named(city) }))}
        onChange={(city) => onChange({ city })}
      />
      <SelectFilter
        testId="filter-sla"
        label={t("filters.sla")}
        anyLabel={t("filters.slaAny")}
        value={filters.sla}
        options={SLA_FILTERS.map((value) => ({ value, label: t(`filters.slaOption.${value}`) }))}
        onChange={(sla) => onChange({ sla: SLA_FILTERS.find((value) => value === sla) ?? null })}
      />
      {activeFilterCount(filters) > 0 ? (
        <Button
          size="sm"
          variant="ghost"
          className="h-8"
          data-testid="filter-clear"
          onClick={() => onChange(NO_FILTERS)}
        >
          {t("filters.clearAll")}
        </Button>
      ) : null}
    </div>
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { RISK_LEVELS, RISK_TYPES } from "@/server/risk/types";
import { isFiltered, STATUS_FILTERS, type RiskFilters } from "./case-filters";
import type { FilterOptions } from "./types";

interface CaseFilterBarProps {
  filters: RiskFilters;
  options: FilterOptions;
  onChange: (next: Partial<RiskFilters>) => void;
  onClear: () => void;
}

const SELECT_CLASSES =
  "h-8 rounded-md border border-border bg-surface px-2 text-sm text-fg shadow-xs focus-visible:border-accent";

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-fg-muted">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Native selects: keyboard- and screen-reader-friendly without extra code; every change updates the URL. */
export function CaseFilterBar({ filters, options, onChange, onClear }: CaseFilterBarProps) {
  const t = useTranslations("risk.list.filters");
  const tLevels = useTranslations("risk.levels");
  const tTypes = useTranslations("risk.types");
  const tStatuses = useTranslations("risk.statuses");
  const tCommon = useTranslations("risk.common");
  const locale = useLocale();
  const statusLabel = (value: (typeof STATUS_FILTERS)[number]) =>
    value === "active" ? t("active") : value === "all" ? t("all") : tStatuses(value);

  return (
    <form
      role="search"
      aria-label={t("label")}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field id="risk-filter-level" label={t("level")}>
        <select
          id="risk-filter-level"
          data-testid="risk-filter-level"
          className={SELECT_CLASSES}
          value={filters.level ?? ""}
          onChange={(e) => onChange({ level: RISK_LEVELS.find((l) => l === e.target.value) ?? null })}
        >
          <option value="">{t("any")}</option>
          {[...RISK_LEVELS].reverse().map((level) => (
            <option key={level} value={level}>
              {tLevels(level)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="risk-filter-type" label={t("type")}>
        <select
          id="risk-filter-type"
          className={SELECT_CLASSES}
          value={filters.type ?? ""}
          onChange={(e) => onChange({ type: RISK_TYPES.find((v) => v === e.target.value) ?? null })}
        >
          <option value="">{t("any")}</option>
          {RISK_TYPES.map((type) => (
            <option key={type} value={type}>
              {tTypes(type)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="risk-filter-status" label={t("status")}>
        <select
          id="risk-filter-status"
          data-testid="risk-filter-status"
          className={SELECT_CLASSES}
          value={filters.status}
          onChange={(e) => onChange({ status: STATUS_FILTERS.find((v) => v === e.target.value) ?? "active" })}
        >
          {STATUS_FILTERS.map((value) => (
            <option key={value} value={value}>
              {statusLabel(value)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="risk-filter-owner" label={t("owner")}>
        <select
          id="risk-filter-owner"
          className={SELECT_CLASSES}
          value={filters.owner ?? ""}
          onChange={(e) => onChange({ owner: e.target.value === "" ? null : e.target.value })}
        >
          <option value="">{t("any")}</option>
          <option value="unassigned">{tCommon("unassigned")}</option>
          {options.owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="risk-filter-city" label={t("city")}>
        <select
          id="risk-filter-city"
          className={SELECT_CLASSES}
          value={filters.city ?? ""}
          onChange={(e) => onChange({ city: e.target.value === "" ? null : e.target.value })}
        >
          <option value="">{t("any")}</option>
          {options.cities.map((city) => (
            <option key={city.id} value={city.id}>
              {locale === "ja" ? city.nameJa : city.name}
            </option>
          ))}
        </select>
      </Field>
      {isFiltered(filters) ? (
        <Button size="sm" variant="ghost" onClick={onClear}>
          {t("clear")}
        </Button>
      ) : null}
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { FAILURE_CLASSES, type DeadLettersFilter } from "@/server/hub/admin/contract";
import { INBOUND_TYPES, SOURCE_KEYS } from "@/server/hub/catalogue";

export type HubFilter = Omit<DeadLettersFilter, "limit">;

interface DeadLetterFiltersProps {
  value: HubFilter;
  onChange: (next: HubFilter) => void;
}

const SELECT = "h-8 rounded-md border border-border bg-surface px-2 text-sm";

/** Narrows the dead letters by kind, source, type and failure class; an empty choice means all. */
export function DeadLetterFilters({ value, onChange }: DeadLetterFiltersProps) {
  const t = useTranslations("hub");
  const set = (key: keyof HubFilter, raw: string) =>
    onChange({ ...value, [key]: raw === "" ? undefined : raw });
  return (
    <fieldset className="flex flex-wrap items-end gap-3" aria-label={t("filters.label")}>
      <label className="space-y-1 text-xs text-fg-muted">
        <span className="block">{t("filters.status")}</span>
        <select
          className={SELECT}
          data-testid="hub-filter-status"
          value={value.status}
          onChange={(event) => onChange({ ...value, status: event.target.value as HubFilter["status"] })}
        >
          <option value="dead">{t("filters.dead")}</option>
          <option value="unrouted">{t("filters.unrouted")}</option>
        </select>
      </label>
      <label className="space-y-1 text-xs text-fg-muted">
        <span className="block">{t("filters.source")}</span>
        <select
          className={SELECT}
          data-testid="hub-filter-source"
          value={value.source ?? ""}
          onChange={(event) => set("source", event.target.value)}
        >
          <option value="">{t("filters.all")}</option>
          {SOURCE_KEYS.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-xs text-fg-muted">
        <span className="block">{t("filters.type")}</span>
        <select
          className={SELECT}
          data-testid="hub-filter-type"
          value={value.type ?? ""}
          onChange={(event) => set("type", event.target.value)}
        >
          <option value="">{t("filters.all")}</option>
          {INBOUND_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-xs text-fg-muted">
        <span className="block">{t("filters.failureClass")}</span>
        <select
          className={SELECT}
          data-testid="hub-filter-class"
          value={value.failureClass ?? ""}
          onChange={(event) => set("failureClass", event.target.value)}
        >
          <option value="">{t("filters.all")}</option>
          {FAILURE_CLASSES.map((failureClass) => (
            <option key={failureClass} value={failureClass}>
              {t(`failureClass.${failureClass}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

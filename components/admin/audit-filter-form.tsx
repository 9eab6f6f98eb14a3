"use client";

import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ENTITY_ID_MAX, ENTITY_TYPE_MAX, type AuditFilters } from "./audit-filters";

interface AuditFilterFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

const FIELDS = [
  { name: "entityType", slug: "entity-type", width: "w-48", maxLength: ENTITY_TYPE_MAX },
  { name: "entityId", slug: "entity-id", width: "w-72", maxLength: ENTITY_ID_MAX },
] as const;

function textOf(form: FormData, name: string): string | null {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

export function AuditFilterForm({ filters, onApply }: AuditFilterFormProps) {
  const t = useTranslations("admin.audit.filters");
  const active = filters.entityType !== null || filters.entityId !== null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({ entityType: textOf(form, "entityType"), entityId: textOf(form, "entityId") });
  }

  return (
    <form
      role="search"
      aria-label={t("label")}
      onSubmit={submit}
      // Remount when the URL changes (e.g. an entity link was followed) so the inputs show the active filters.
      key={`${filters.entityType ?? ""}\u0000${filters.entityId ?? ""}`}
      className="flex flex-wrap items-end gap-3"
    >
      {FIELDS.map(({ name, slug, width, maxLength }) => (
        <div key={name} className={width}>
          <Label htmlFor={`audit-${slug}`} className="text-xs text-fg-muted">
            {t(name)}
          </Label>
          <Input
            id={`audit-${slug}`}
            name={name}
            data-testid={`audit-filter-${slug}`}
            defaultValue={filters[name] ?? ""}
            placeholder={t(`${name}Placeholder`)}
            maxLength={maxLength}
            autoComplete="off"
            spellCheck={false}
            className="h-8 font-mono text-xs"
          />
        </div>
      ))}
      <Button type="submit" size="sm" variant="primary" data-testid="audit-filter-apply" className="h-8">
        {t("apply")}
      </Button>
      {active ? (
        <Button
          size="sm"
          variant="ghost"
          data-testid="audit-filter-clear"
          className="h-8"
          onClick={() => onApply({ entityType: null, entityId: null })}
        >
          {t("clear")}
        </Button>
      ) : null}
    </form>
  );
}

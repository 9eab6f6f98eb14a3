"use client";

import { useTranslations } from "next-intl";
import { Popover } from "@/components/ui/popover";

interface MultiSelectFilterProps<T extends string> {
  /** Also the test id stem: filter-{name}, filter-{name}-{value}. */
  name: string;
  label: string;
  options: readonly T[];
  optionLabel: (value: T) => string;
  selected: readonly T[] | null;
  onChange: (values: T[] | null) => void;
}

/** A filter button with a checklist; the button names the choice when there is one, else counts them. */
export function MultiSelectFilter<T extends string>({
  name,
  label,
  options,
  optionLabel,
  selected,
  onChange,
}: MultiSelectFilterProps<T>) {
  const t = useTranslations("tickets.filters");
  const chosen = selected ?? [];
  const summary =
    chosen.length === 0
      ? label
      : chosen.length === 1 && chosen[0]
        ? `${label}: ${optionLabel(chosen[0])}`
        : `${label} · ${chosen.length}`;

  function toggle(value: T, checked: boolean) {
    const next = checked ? [...chosen, value] : chosen.filter((v) => v !== value);
    onChange(next.length === 0 ? null : options.filter((option) => next.includes(option)));
  }

  return (
    <Popover
      label={summary}
      panelLabel={label}
      testId={`filter-${name}`}
      active={chosen.length > 0}
      panelClassName="min-w-48 p-1"
    >
      {() => (
        <fieldset className="max-h-80 overflow-y-auto">
          <legend className="sr-only">{label}</legend>
          {options.map((option) => (
            <label
              key={option}
              className="flex h-8 cursor-pointer items-center gap-2 rounded-md px-2 text-sm hover:bg-surface-muted"
            >
              <input
                type="checkbox"
                data-testid={`filter-${name}-${option}`}
                checked={chosen.includes(option)}
                onChange={(event) => toggle(option, event.target.checked)}
                className="size-3.5 accent-accent"
              />
              <span className="whitespace-nowrap">{optionLabel(option)}</span>
            </label>
          ))}
          {chosen.length > 0 ? (
            <button
              type="button"
              onClick={() => onChange(null)}
              className="mt-1 flex h-8 w-full items-center rounded-md border-t border-border px-2 text-left text-xs text-fg-muted hover:bg-surface-muted hover:text-fg"
            >
              {t("clearOne")}
            </button>
          ) : null}
        </fieldset>
      )}
    </Popover>
  );
}

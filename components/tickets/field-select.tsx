import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { ChevronDownIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { SelectOption } from "./select-filter";

interface FieldSelectProps {
  label: string;
  testId: string;
  value: string;
  options: readonly SelectOption[];
  disabled?: boolean;
  saving?: boolean;
  hint?: string;
  onChange: (value: string) => void;
}

/** One editable ticket field: a labelled native select that saves on change. */
export function FieldSelect({
  label,
  testId,
  value,
  options,
  disabled,
  saving,
  hint,
  onChange,
}: FieldSelectProps) {
  const id = useId();
  const hintId = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 flex items-center gap-1.5 text-xs font-medium text-fg-muted">
        {label}
        {saving ? <Spinner className="size-3" /> : null}
      </label>
      <span className="relative block">
        <select
          id={id}
          data-testid={testId}
          value={value}
          disabled={disabled || saving}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => onChange(event.target.value)}
          className={cn(
            "h-8 w-full appearance-none truncate rounded-md border border-border bg-surface pr-7 pl-2.5 text-sm shadow-xs",
            "disabled:opacity-60",
          )}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2 size-3.5 -translate-y-1/2 opacity-70" />
      </span>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

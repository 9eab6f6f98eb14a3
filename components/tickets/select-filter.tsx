import { cn } from "@/components/ui/cn";
import { ChevronDownIcon } from "@/components/ui/icons";

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectGroup {
  label: string;
  options: readonly SelectOption[];
}

interface SelectFilterProps {
  testId: string;
  label: string;
  /** The first option's text, meaning "no filter". */
  anyLabel?: string;
  value: string | null;
  options?: readonly SelectOption[];
  groups?: readonly SelectGroup[];
  onChange: (value: string | null) => void;
  className?: string;
}

/** A compact native select: fast, keyboard-friendly and announced properly by screen readers. */
export function SelectFilter({
  testId,
  label,
  anyLabel,
  value,
  options,
  groups,
  onChange,
  className,
}: SelectFilterProps) {
  return (
    <span className={cn("relative inline-flex", className)}>
      <select
        data-testid={testId}
        aria-label={label}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
        className={cn(
          "h-8 max-w-40 appearance-none truncate rounded-md border bg-surface pr-7 pl-2.5 text-xs font-medium shadow-sm",
          value === null ? "border-border text-fg" : "border-accent/50 bg-accent/10 text-accent",
        )}
      >
        {anyLabel === undefined ? null : <option value="">{anyLabel}</option>}
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2 size-3.5 -translate-y-1/2 opacity-70" />
    </span>
  );
}

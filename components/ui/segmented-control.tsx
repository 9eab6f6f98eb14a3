import type { ReactNode } from "react";
import { cn } from "./cn";

interface SegmentedOption<T extends string> {
  value: T;
  label: ReactNode;
  /** Tooltip for a short label such as "EN". */
  title?: string;
  /** Language of the label, so screen readers pronounce it correctly. */
  lang?: string;
  testId?: string;
}

interface SegmentedControlProps<T extends string> {
  label: string;
  options: readonly SegmentedOption<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  disabled?: boolean;
  className?: string;
}

/** A row of toggle buttons where exactly one is pressed. */
export function SegmentedControl<T extends string>({
  label,
  options,
  value,
  onChange,
  disabled,
  className,
}: SegmentedControlProps<T>) {
  return (
    <div
      role="group"
      aria-label={label}
      className={cn("inline-flex rounded-md border border-border bg-surface-muted p-0.5", className)}
    >
      {options.map((option) => {
        const pressed = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={pressed}
            title={option.title}
            lang={option.lang}
            data-testid={option.testId}
            disabled={disabled}
            onClick={() => {
              if (!pressed) onChange(option.value);
            }}
            className={cn(
              "inline-flex h-7 flex-1 items-center justify-center gap-1.5 rounded px-2.5 text-xs font-medium whitespace-nowrap transition-colors",
              "disabled:opacity-60",
              pressed ? "bg-surface text-fg shadow-xs" : "text-fg-muted hover:text-fg",
            )}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}

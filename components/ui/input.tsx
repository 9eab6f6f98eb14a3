import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "block h-9 w-full rounded-md border border-border bg-surface px-3 text-sm text-fg shadow-xs",
        "placeholder:text-fg-muted/70 focus-visible:border-accent focus-visible:outline-offset-0",
        "aria-invalid:border-danger disabled:opacity-60",
        className,
      )}
      {...props}
    />
  );
}

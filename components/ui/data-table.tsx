import type { ReactNode } from "react";
import { cn } from "./cn";
import { Spinner } from "./spinner";

interface DataTableProps {
  testId: string;
  /** Read by screen readers only. */
  caption: string;
  /** The header cells. */
  columns: ReactNode;
  /** Rows are loading or stale: announced as busy. */
  busy?: boolean;
  /** Rows of the previous filters, dimmed while the new ones load. */
  stale?: boolean;
  /**
   * Below sm the rows lay out as a list (each row styles its cells as a list item) and the header row is hidden,
   * instead of a table scrolling sideways on a phone.
   */
  listOnPhones?: boolean;
  /** The body rows. */
  children: ReactNode;
}

/** The console's table frame: scrolls sideways on narrow screens, with a hidden caption and a muted header row. */
export function DataTable({
  testId,
  caption,
  columns,
  busy = false,
  stale = false,
  listOnPhones = false,
  children,
}: DataTableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-xs">
      <table
        data-testid={testId}
        aria-busy={busy}
        className={cn(
          "w-full text-left text-sm transition-opacity",
          stale && "opacity-60",
          listOnPhones && "max-sm:block",
        )}
      >
        <caption className="sr-only">{caption}</caption>
        <thead
          className={cn(
            "border-b border-border bg-surface-muted text-xs text-fg-muted",
            listOnPhones && "max-sm:hidden",
          )}
        >
          <tr>{columns}</tr>
        </thead>
        <tbody className={cn("divide-y divide-border", listOnPhones && "max-sm:block")}>{children}</tbody>
      </table>
    </div>
  );
}

interface EmptyTableRowProps {
  colSpan: number;
  loading?: boolean;
  testId?: string;
  /** What is empty, said while nothing loads. */
  children: ReactNode;
}

/** The one row of an empty table: a spinner while it loads, else what is empty. */
export function EmptyTableRow({ colSpan, loading = false, testId, children }: EmptyTableRowProps) {
  return (
    <tr>
      <td colSpan={colSpan} data-testid={testId} className="px-3 py-10 text-center text-sm text-fg-muted">
        {loading ? <Spinner className="mx-auto" /> : children}
      </td>
    </tr>
  );
}

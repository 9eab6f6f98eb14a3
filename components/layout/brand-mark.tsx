import { cn } from "@/components/ui/cn";

/** The console's logo: a small accent tile with a route glyph. */
export function BrandMark({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex size-7 shrink-0 items-center justify-center rounded-md bg-accent text-accent-fg",
        className,
      )}
    >
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.25}
        strokeLinecap="round"
        className="size-4"
      >
        <circle cx="6" cy="17" r="2.5" />
        <circle cx="18" cy="7" r="2.5" />
        <path d="M8.5 17H14a3 3 0 0 0 0-6h-4a3 3 0 0 1 0-6h5.5" />
      </svg>
    </span>
  );
}

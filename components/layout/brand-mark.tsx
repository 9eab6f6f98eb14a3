import { cn } from "@/components/ui/cn";

/** The console's logo: an accent tile with a delivery-route glyph. */
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
        strokeWidth={2.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        className="size-[62%]"
      >
        <circle cx="5.5" cy="18.5" r="2.5" />
        <circle cx="18.5" cy="5.5" r="2.5" />
        <path d="M8 18.5h7.5a3.5 3.5 0 0 0 0-7h-7a3.5 3.5 0 0 1 0-7H16" />
      </svg>
    </span>
  );
}

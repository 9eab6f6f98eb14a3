import Link from "next/link";
import { ArrowRightIcon } from "@/components/ui/icons";
import { NavIcon } from "./nav-icon";
import type { NavItem } from "./nav-items";

interface AreaCardProps {
  item: NavItem;
  title: string;
  description: string;
}

/** A whole-card link into one console area. */
export function AreaCard({ item, title, description }: AreaCardProps) {
  return (
    <Link
      href={item.href}
      data-testid={`area-${item.key}`}
      className="group flex h-full flex-col rounded-lg border border-border bg-surface p-4 shadow-xs transition-colors hover:border-accent/50 hover:bg-surface-muted/60"
    >
      <span className="flex items-center gap-2.5">
        <span className="inline-flex size-8 items-center justify-center rounded-md bg-accent/10 text-accent">
          <NavIcon navKey={item.key} className="size-4" />
        </span>
        <span className="text-sm font-semibold text-fg">{title}</span>
        <ArrowRightIcon className="ml-auto size-4 text-fg-muted opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100" />
      </span>
      <span className="mt-3 text-sm leading-relaxed text-fg-muted">{description}</span>
    </Link>
  );
}

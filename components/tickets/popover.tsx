"use client";

import { useEffect, useId, useRef, useState, type FocusEvent, type ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ChevronDownIcon } from "@/components/ui/icons";

interface PopoverProps {
  /** The trigger's content. */
  label: ReactNode;
  /** The trigger's accessible name when its content is not enough (e.g. a count). */
  ariaLabel?: string;
  testId?: string;
  /** The trigger shows as pressed/filled, e.g. when its filter is active. */
  active?: boolean;
  align?: "start" | "end";
  panelClassName?: string;
  children: (close: () => void) => ReactNode;
}

/** A button with a panel below it; closes on Escape (focus back on the button), outside click or focus leaving. */
export function Popover({
  label,
  ariaLabel,
  testId,
  active,
  align = "start",
  panelClassName,
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      setOpen(false);
    }
    const root = rootRef.current;
    const button = buttonRef.current;
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
      // Closed from inside the panel (its content is gone): focus goes back to the button, not to the page.
      const focused = document.activeElement;
      if (focused === document.body || (focused !== null && root?.contains(focused))) button?.focus();
    };
  }, [open]);

  function closeWhenFocusLeaves(event: FocusEvent<HTMLDivElement>) {
    if (event.relatedTarget instanceof Node && !rootRef.current?.contains(event.relatedTarget))
      setOpen(false);
  }

  return (
    <div ref={rootRef} className="relative" onBlur={closeWhenFocusLeaves}>
      <button
        ref={buttonRef}
        type="button"
        data-testid={testId}
        aria-label={ariaLabel}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
        className={buttonClasses(
          "secondary",
          "sm",
          cn("h-8", active && "border-accent/50 bg-accent/10 text-accent hover:bg-accent/15"),
        )}
      >
        {label}
        <ChevronDownIcon className="size-3.5 opacity-70" />
      </button>
      {open ? (
        <div
          id={panelId}
          className={cn(
            "absolute top-full z-30 mt-1 min-w-48 rounded-lg border border-border bg-surface p-1 shadow-lg",
            align === "end" ? "right-0" : "left-0",
            panelClassName,
          )}
        >
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  );
}

"use client";

import { useEffect, useId, useRef, useState, type FocusEvent, type ReactNode } from "react";
import { buttonClasses } from "./button";
import { cn } from "./cn";
import { ChevronDownIcon } from "./icons";

interface PopoverProps {
  /** The trigger's content. */
  label: ReactNode;
  /** The trigger's accessible name when its content is not enough (e.g. a count, or initials). */
  ariaLabel?: string;
  /** The panel's accessible name: it is a non-modal dialog. */
  panelLabel: string;
  testId?: string;
  /** The trigger shows as pressed/filled, e.g. when its filter is active. */
  active?: boolean;
  align?: "start" | "end";
  /** Replaces the trigger's default look (a small secondary button); `aria-expanded:` styles the open state. */
  triggerClassName?: string;
  /** The panel's size and padding. */
  panelClassName?: string;
  children: (close: () => void) => ReactNode;
}

/**
 * A button with a panel below it. Opening moves focus into the panel; Escape closes it with focus back on the
 * button, and an outside click or focus leaving closes it too.
 */
export function Popover({
  label,
  ariaLabel,
  panelLabel,
  testId,
  active,
  align = "start",
  triggerClassName,
  panelClassName,
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const root = rootRef.current;
    const button = buttonRef.current;
    const panel = panelRef.current;
    // A field inside may have taken focus already (autoFocus); otherwise the panel itself takes it.
    if (panel && !panel.contains(document.activeElement)) panel.focus();
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !root?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") setOpen(false);
    }
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
        aria-haspopup="dialog"
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
        className={
          triggerClassName ??
          buttonClasses(
            "secondary",
            "sm",
            cn("h-8", active && "border-accent/50 bg-accent/10 text-accent hover:bg-accent/15"),
          )
        }
      >
        {label}
        <ChevronDownIcon className={cn("size-3.5 opacity-70 transition-transform", open && "rotate-180")} />
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label={panelLabel}
          tabIndex={-1}
          className={cn(
            "absolute top-full z-50 mt-1 rounded-lg border border-border bg-surface shadow-lg outline-none",
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

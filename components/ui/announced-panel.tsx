"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "./cn";
import { AlertIcon } from "./icons";

const TONES = {
  // A secret shown once: the warning tone and icon say it will not be shown again.
  warning: {
    section: "border-warning/40 bg-warning/5",
    heading: "flex items-center gap-2 text-warning",
    icon: true,
  },
  accent: { section: "border-accent/30 bg-accent/5", heading: "", icon: false },
} as const;

/**
 * A panel that appears in answer to an action (a secret shown once, a dry run's result): its heading takes focus
 * when it appears, so a screen reader announces it and the keyboard starts there.
 */
export function AnnouncedPanel({
  title,
  testId,
  level,
  tone,
  className,
  children,
}: {
  title: string;
  testId: string;
  /** The heading's level where the panel sits. */
  level: "h2" | "h3";
  tone: keyof typeof TONES;
  className?: string;
  children: ReactNode;
}) {
  const Heading = level;
  const style = TONES[tone];
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby={titleId}
      data-testid={testId}
      className={cn("rounded-lg border p-4", style.section, className)}
    >
      <Heading
        ref={headingRef}
        id={titleId}
        tabIndex={-1}
        className={cn("text-sm font-semibold outline-none", style.heading)}
      >
        {style.icon ? <AlertIcon className="size-4 shrink-0" /> : null}
        {title}
      </Heading>
      {children}
    </section>
  );
}

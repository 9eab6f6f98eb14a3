"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { AlertIcon } from "@/components/ui/icons";

/**
 * The frame of a secret shown once: a warning-toned section whose heading takes focus when it appears, so a
 * screen reader announces it and the keyboard starts there.
 */
export function OneTimeSecretPanel({
  title,
  testId,
  level,
  className,
  children,
}: {
  title: string;
  testId: string;
  /** The heading's level where the panel sits. */
  level: "h2" | "h3";
  className?: string;
  children: ReactNode;
}) {
  const Heading = level;
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby={titleId}
      data-testid={testId}
      className={cn("rounded-lg border border-warning/40 bg-warning/5 p-4", className)}
    >
      <Heading
        ref={headingRef}
        id={titleId}
        tabIndex={-1}
        className="flex items-center gap-2 text-sm font-semibold text-warning outline-none"
      >
        <AlertIcon className="size-4 shrink-0" />
        {title}
      </Heading>
      {children}
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

interface CopyButtonProps {
  value: string;
  /** What is copied, for the button's accessible name and the announcement. */
  label: string;
  testId?: string;
}

const COPIED_FEEDBACK_MS = 2000;

export function CopyButton({ value, label, testId }: CopyButtonProps) {
  const t = useTranslations("admin.apiClients.secret");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), COPIED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        aria-label={t("copyLabel", { label })}
        data-testid={testId}
        onClick={() => void copy()}
      >
        {state === "copied" ? t("copied") : t("copy")}
      </Button>
      <span aria-live="polite" className={state === "failed" ? "text-xs text-danger" : "sr-only"}>
        {state === "copied" ? t("copiedAnnouncement", { label }) : state === "failed" ? t("copyFailed") : ""}
      </span>
    </span>
  );
}

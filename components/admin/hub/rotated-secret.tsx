"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import type { RotatedSecret } from "@/server/hub/admin/contract";
import { CopyButton } from "../copy-button";

/** The one showing of a rotated signing secret; it lives in component state and is gone on reload. */
export function RotatedSecretPanel({ rotated, onDone }: { rotated: RotatedSecret; onDone: () => void }) {
  const t = useTranslations("hub.rotated");
  const format = useFormatter();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section
      aria-labelledby={titleId}
      data-testid="hub-rotated-secret"
      className="space-y-2 rounded-lg border border-warning/40 bg-warning/5 p-4"
    >
      <h3
        ref={headingRef}
        id={titleId}
        tabIndex={-1}
        className="flex items-center gap-2 text-sm font-semibold text-warning outline-none"
      >
        <AlertIcon className="size-4 shrink-0" />
        {t("title", { source: rotated.source })}
      </h3>
      <p className="text-sm">
        {rotated.previousExpireAt
          ? t("body", {
              time: format.dateTime(rotated.previousExpireAt, { dateStyle: "medium", timeStyle: "short" }),
            })
          : t("bodyNoPrevious")}
      </p>
      <div className="flex items-center gap-2">
        <code className="rounded border border-border bg-surface px-2 py-1 font-mono text-xs break-all">
          {rotated.secret}
        </code>
        <CopyButton value={rotated.secret} label={t("label")} testId="hub-rotated-secret-copy" />
      </div>
      <Button size="sm" onClick={onDone}>
        {t("done")}
      </Button>
    </section>
  );
}

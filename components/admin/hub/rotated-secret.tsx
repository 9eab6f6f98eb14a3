"use client";

import { useFormatter, useTranslations } from "next-intl";
import { AnnouncedPanel } from "@/components/ui/announced-panel";
import { Button } from "@/components/ui/button";
import type { RotatedSecret } from "@/server/hub/admin/contract";
import { CopyButton } from "../copy-button";

/** The one showing of a rotated signing secret; it lives in component state and is gone on reload. */
export function RotatedSecretPanel({ rotated, onDone }: { rotated: RotatedSecret; onDone: () => void }) {
  const t = useTranslations("hub.rotated");
  const format = useFormatter();
  return (
    <AnnouncedPanel
      title={t("title", { source: rotated.source })}
      testId="hub-rotated-secret"
      level="h3"
      tone="warning"
      className="space-y-2"
    >
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
    </AnnouncedPanel>
  );
}

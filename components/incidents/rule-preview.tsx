"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { RuleDefinition } from "@/server/incidents/correlation-rule";

/**
 * "This rule would have opened N incidents in the last 7/30 days", with examples. The definition is taken when a
 * button is pressed (a draft being typed is not replayed on every keystroke); null disables the buttons.
 */
export function RulePreview({ definition }: { definition: RuleDefinition | null }) {
  const t = useTranslations("incidents");
  const format = useFormatter();
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const [asked, setAsked] = useState<{ definition: RuleDefinition; days: 7 | 30 } | null>(null);
  const preview = useQuery({
    ...trpc.incidents.rules.preview.queryOptions(asked ?? { definition: definition!, days: 7 }),
    enabled: asked !== null,
  });
  const changed = asked !== null && JSON.stringify(asked.definition) !== JSON.stringify(definition);

  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {([7, 30] as const).map((days) => (
          <Button
            key={days}
            variant="secondary"
            size="sm"
            disabled={definition === null}
            onClick={() => definition && setAsked({ definition, days })}
            data-testid={`rule-preview-${days}`}
          >
            {t("rules.preview", { days })}
          </Button>
        ))}
        {preview.isFetching ? <Spinner className="size-3.5 text-fg-muted" /> : null}
      </div>
      {preview.error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorText(preview.error)}
        </p>
      ) : null}
      {preview.data ? (
        <div className="mt-3 text-sm" data-testid="rule-preview" data-incidents={preview.data.incidents}>
          <p>{t("rules.wouldOpen", { count: preview.data.incidents, days: preview.data.days })}</p>
          <p className="text-xs text-fg-muted">
            {t("rules.scanned", { count: preview.data.eventsScanned })}
            {changed ? ` · ${t("rules.previewStale")}` : ""}
          </p>
          <ul className="mt-1 space-y-0.5 text-xs text-fg-muted">
            {preview.data.examples.map((example) => (
              <li key={`${example.key}-${example.windowStart.toISOString()}`} className="break-all">
                {example.key} ·{" "}
                {format.dateTime(example.windowStart, { dateStyle: "short", timeStyle: "short" })} ·{" "}
                {t("list.members", { count: example.members })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { SOURCE_KEYS, type SourceKey } from "@/server/hub/catalogue";

interface ApiClientSourcesFieldProps {
  sources: readonly SourceKey[];
  onChange: (sources: SourceKey[]) => void;
}

/** The event sources a client with events:write may send as; none ticked: any source. */
export function ApiClientSourcesField({ sources, onChange }: ApiClientSourcesFieldProps) {
  const t = useTranslations("admin.apiClients.form");
  const help = useId();
  const toggle = (source: SourceKey, checked: boolean) =>
    onChange(checked ? [...sources, source] : sources.filter((s) => s !== source));
  return (
    <fieldset aria-describedby={help}>
      <legend className="mb-1.5 text-sm font-medium">{t("sources")}</legend>
      <ul className="grid gap-x-6 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-4">
        {SOURCE_KEYS.map((source) => (
          <li key={source}>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                data-testid={`api-client-source-${source}`}
                checked={sources.includes(source)}
                onChange={(event) => toggle(source, event.target.checked)}
                className="size-4 accent-accent"
              />
              <span className="font-mono text-xs">{source}</span>
            </label>
          </li>
        ))}
      </ul>
      <p id={help} className="mt-1.5 text-xs text-fg-muted">
        {t("sourcesHint")}
      </p>
    </fieldset>
  );
}

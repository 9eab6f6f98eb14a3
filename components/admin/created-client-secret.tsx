"use client";

import { useTranslations } from "next-intl";
import { AnnouncedPanel } from "@/components/ui/announced-panel";
import { Button } from "@/components/ui/button";
import type { CreatedApiClient } from "@/server/integration/api-client-contract";
import { CopyButton } from "./copy-button";

interface CreatedClientSecretProps {
  created: CreatedApiClient;
  onDone: () => void;
}

/** The one and only showing of a new client's secret; it lives in component state and is gone on reload. */
export function CreatedClientSecret({ created, onDone }: CreatedClientSecretProps) {
  const t = useTranslations("admin.apiClients.secret");
  const credentials = [
    { label: t("clientId"), value: created.client.clientId, testId: "api-client-created-id" },
    { label: t("clientSecret"), value: created.clientSecret, testId: "api-client-secret" },
  ];

  return (
    <AnnouncedPanel title={t("title")} testId="api-client-secret-panel" level="h2" tone="warning">
      <p className="mt-1 max-w-3xl text-sm text-fg-muted">{t("warning")}</p>

      <dl className="mt-4 grid max-w-3xl gap-2 sm:grid-cols-[auto_1fr_auto] sm:items-center sm:gap-x-3">
        {credentials.map(({ label, value, testId }) => (
          <div key={testId} className="contents">
            <dt className="text-xs font-medium text-fg-muted">{label}</dt>
            <dd className="min-w-0">
              <code
                data-testid={testId}
                className="block rounded-md border border-border bg-surface px-2.5 py-1.5 font-mono text-xs break-all select-all"
              >
                {value}
              </code>
            </dd>
            <dd>
              <CopyButton value={value} label={label} testId={`${testId}-copy`} />
            </dd>
          </div>
        ))}
      </dl>

      <p className="mt-3 text-xs text-fg-muted">{t("usage")}</p>
      <Button
        size="sm"
        variant="secondary"
        className="mt-4"
        data-testid="api-client-secret-done"
        onClick={onDone}
      >
        {t("done")}
      </Button>
    </AnnouncedPanel>
  );
}

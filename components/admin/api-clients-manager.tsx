"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import type { ApiClientSummary, CreatedApiClient } from "@/server/integration/api-client-contract";
import { ApiClientsTable } from "./api-clients-table";
import { CreatedClientSecret } from "./created-client-secret";
import { ErrorNotice } from "./error-notice";
import { NewApiClientForm } from "./new-api-client-form";

type Panel = { kind: "closed" } | { kind: "form" } | { kind: "created"; created: CreatedApiClient };

/** The list of clients plus the create flow: form, then the one-time secret, then back to the list. */
export function ApiClientsManager({ initialClients }: { initialClients: ApiClientSummary[] }) {
  const t = useTranslations("admin.apiClients");
  const trpc = useTRPC();
  const clients = useQuery(trpc.apiClients.list.queryOptions(undefined, { initialData: initialClients }));
  const [panel, setPanel] = useState<Panel>({ kind: "closed" });
  const newButtonRef = useRef<HTMLButtonElement>(null);

  function closePanel() {
    // The button reappears only after this render; focus it then, so keyboard users land where they started.
    flushSync(() => setPanel({ kind: "closed" }));
    newButtonRef.current?.focus();
  }

  const active = clients.data.filter((client) => client.disabledAt === null).length;

  return (
    <section aria-label={t("title")} className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-xs text-fg-muted" data-testid="api-clients-summary">
          {t("summary", { total: clients.data.length, active })}
        </p>
        {panel.kind === "closed" ? (
          <Button
            ref={newButtonRef}
            variant="primary"
            size="sm"
            data-testid="api-client-new"
            onClick={() => setPanel({ kind: "form" })}
          >
            {t("newClient")}
          </Button>
        ) : null}
      </div>

      {panel.kind === "form" ? (
        <NewApiClientForm
          onCreated={(created) => setPanel({ kind: "created", created })}
          onCancel={closePanel}
        />
      ) : null}
      {panel.kind === "created" ? <CreatedClientSecret created={panel.created} onDone={closePanel} /> : null}

      {clients.isError ? (
        <ErrorNotice
          message={t("loadFailed")}
          retryLabel={t("retry")}
          onRetry={() => void clients.refetch()}
        />
      ) : null}

      <ApiClientsTable clients={clients.data} />
    </section>
  );
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRef } from "react";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import type { ApiClientSummary } from "@/server/integration/api-client-contract";
import { DisableClientButton } from "./disable-client-button";

const COLUMN_COUNT = 6;

function ClientRow({ client }: { client: ApiClientSummary }) {
  const t = useTranslations("admin.apiClients");
  const format = useFormatter();
  const disabled = client.disabledAt !== null;
  const rowRef = useRef<HTMLTableRowElement>(null);

  return (
    <tr
      ref={rowRef}
      tabIndex={-1}
      data-testid="api-client-row"
      data-client-id={client.clientId}
      className="align-top outline-none focus-visible:bg-surface-muted"
    >
      <td className="px-3 py-2">
        <span className={disabled ? "block font-medium text-fg-muted" : "block font-medium"}>
          {client.name}
        </span>
        <span className="block font-mono text-xs text-fg-muted">{client.clientId}</span>
      </td>
      <td className="px-3 py-2">
        <ul className="flex max-w-md flex-wrap gap-1" aria-label={t("columns.scopes")}>
          {client.scopes.map((scope) => (
            <li key={scope}>
              <Badge className="font-mono font-normal">{scope}</Badge>
            </li>
          ))}
        </ul>
        {client.eventSources.length > 0 ? (
          <p className="mt-1 text-xs text-fg-muted" data-testid="api-client-sources">
            {t("sendsAs", { sources: client.eventSources.join(", ") })}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
        <time dateTime={client.createdAt.toISOString()}>{format.dateTime(client.createdAt, "medium")}</time>
      </td>
      <td className="px-3 py-2 whitespace-nowrap" data-testid="api-client-status">
        {client.disabledAt ? (
          <>
            <Badge>{t("disabled")}</Badge>
            <time
              dateTime={client.disabledAt.toISOString()}
              className="mt-0.5 block text-xs text-fg-muted tabular-nums"
            >
              {format.dateTime(client.disabledAt, "medium")}
            </time>
          </>
        ) : (
          <Badge tone="success">{t("active")}</Badge>
        )}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{client.liveTokens}</td>
      <td className="px-3 py-2 text-right">
        {disabled ? null : <DisableClientButton client={client} onDisabled={() => rowRef.current?.focus()} />}
      </td>
    </tr>
  );
}

export function ApiClientsTable({ clients }: { clients: readonly ApiClientSummary[] }) {
  const t = useTranslations("admin.apiClients");
  return (
    <DataTable
      testId="api-clients-table"
      caption={t("caption")}
      columns={
        <>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("columns.client")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("columns.scopes")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("columns.created")}
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            {t("columns.status")}
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
            {t("columns.liveTokens")}
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            <span className="sr-only">{t("columns.actions")}</span>
          </th>
        </>
      }
    >
      {clients.map((client) => (
        <ClientRow key={client.id} client={client} />
      ))}
      {clients.length === 0 ? <EmptyTableRow colSpan={COLUMN_COUNT}>{t("empty")}</EmptyTableRow> : null}
    </DataTable>
  );
}

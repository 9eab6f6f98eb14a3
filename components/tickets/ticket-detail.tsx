"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import { useTRPC } from "@/components/providers/trpc";
import { Composer, type Draft } from "./composer";
import { ConflictBanner, UpdatedNotice } from "./conflict-banner";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { SlaTimers } from "./sla-timers";
import { TicketFacts } from "./ticket-facts";
import { TicketFields } from "./ticket-fields";
import { TicketHeader } from "./ticket-header";
import { Timeline } from "./timeline";
import type { FilterOptions, LinkedRiskCase, TicketWithTimeline } from "./types";
import { useHeartbeat } from "./use-heartbeat";
import { useTicketLive } from "./use-ticket-live";
import { useTicketWrites } from "./use-ticket-writes";
import { WorkflowPanel } from "@/components/workflows/workflow-panel";

interface TicketDetailViewProps {
  initial: TicketWithTimeline;
  options: FilterOptions;
  riskCases: LinkedRiskCase[] | null;
  self: { id: string; name: string };
  canWrite: boolean;
}

const EMPTY_DRAFT: Draft = { body: "", visibility: "public" };

export function TicketDetailView({ initial, options, riskCases, self, canWrite }: TicketDetailViewProps) {
  const t = useTranslations("tickets.detail");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const getKey = trpc.tickets.get.queryKey({ id: initial.ticket.id });
  // What is on screen changes only through the user's own writes or their choice to load the newer version.
  const { data } = useQuery(
    trpc.tickets.get.queryOptions(
      { id: initial.ticket.id },
      { initialData: initial, staleTime: Infinity, refetchOnWindowFocus: false },
    ),
  );
  const { ticket, timeline } = data;
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const writes = useTicketWrites(ticket, () => setDraft((current) => ({ ...current, body: "" })));
  const live = useTicketLive(ticket.id, ticket.version);
  const viewers = useHeartbeat(ticket.id, self.id);

  return (
    // Below lg the columns stack, and the main column's parts join the grid so the properties (assign, status)
    // come right after the header instead of below the whole timeline: acknowledging from a phone is one scroll.
    <div className="mx-auto grid w-full max-w-[1400px] gap-6 px-6 py-6 max-lg:gap-4 max-sm:px-3 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-4 max-lg:contents max-lg:space-y-0">
        <div className="min-w-0 max-lg:order-first">
          <TicketHeader ticket={ticket} viewers={viewers} live={live.status} />
        </div>
        {/* On a phone the properties come first; what a write answered must show above them, not below. */}
        <div className="min-w-0 space-y-4 empty:hidden max-lg:order-first">
          {writes.conflict ? (
            <ConflictBanner
              conflict={writes.conflict}
              error={writes.error}
              busy={writes.pending !== null}
              onReload={() => void writes.reload().then(live.dismiss)}
              onReapply={writes.reapply}
            />
          ) : live.newer ? (
            <UpdatedNotice
              shown={data}
              newer={live.newer}
              onShow={() => {
                queryClient.setQueryData(getKey, live.newer ?? undefined);
                live.dismiss();
              }}
            />
          ) : null}
          {writes.error && !writes.conflict ? (
            <ErrorNotice message={t("writeFailed", { message: writes.error })} />
          ) : null}
        </div>
        <Timeline ticket={ticket} entries={timeline} agents={options.agents} />
        <Composer
          draft={draft}
          onDraft={setDraft}
          onSend={({ body, visibility }) => writes.run({ kind: "comment", body: body.trim(), visibility })}
          sending={writes.pending?.kind === "comment"}
          disabled={!canWrite || ticket.status === "closed"}
          awaitingFirstResponse={ticket.firstRespondedAt === null}
        />
      </div>
      <aside
        aria-label={t("properties")}
        className="min-w-0 space-y-6 self-start max-lg:order-first lg:sticky lg:top-6"
      >
        <TicketFields
          ticket={ticket}
          options={options}
          selfId={self.id}
          canWrite={canWrite}
          pending={writes.pending}
          onChange={(change) => writes.run({ kind: "update", change })}
          onAssignToMe={() => writes.run({ kind: "assignToMe" })}
        />
        <SlaTimers ticket={ticket} />
        <WorkflowPanel boundType="ticket" boundId={ticket.id} boundOwnerId={ticket.assignee?.id ?? null} />
        <DeliveryLog objectType="ticket" objectId={ticket.id} />
        <TicketFacts ticket={ticket} riskCases={riskCases} />
      </aside>
    </div>
  );
}

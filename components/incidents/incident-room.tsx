"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useLiveRefetch } from "@/components/lib/use-live-refetch";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { WorkflowPanel } from "@/components/workflows/workflow-panel";
import { IncidentCityChart } from "./incident-city-chart";
import { IncidentHeader } from "./incident-header";
import { IncidentMembers } from "./incident-members";
import { IncidentTimeline, IncidentUpdates } from "./incident-updates";

/**
 * One incident's room, live: state and response targets, the affected city's chart, status updates, the
 * postmortem (a workflow bound to the incident), members grouped by kind with why they joined, and the timeline.
 */
export function IncidentRoom({ id, canReadCities }: { id: string; canReadCities: boolean }) {
  const t = useTranslations("incidents");
  const trpc = useTRPC();
  const live = useLiveRefetch("incident", (trpc) => trpc.incidents.pathKey());
  const query = useQuery(trpc.incidents.room.queryOptions({ id }));
  if (!query.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const { incident } = query.data;
  const refetch = () => void query.refetch();
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="min-w-0 space-y-4">
        <p className="text-xs text-fg-muted" data-testid="incidents-live" data-state={live}>
          {t(`live.${live}`)}
        </p>
        <IncidentHeader detail={query.data} onChanged={refetch} />
        {incident.cityId && canReadCities ? (
          <IncidentCityChart detail={query.data} cityId={incident.cityId} />
        ) : incident.cityId ? (
          <p className="text-xs text-fg-muted">{t("room.cityChartHidden")}</p>
        ) : null}
        <IncidentUpdates detail={query.data} onPosted={refetch} />
        <Card className="p-4 max-sm:p-3">
          <WorkflowPanel boundType="incident" boundId={incident.id} boundOwnerId={incident.commanderId} />
        </Card>
        <IncidentTimeline detail={query.data} />
      </div>
      <IncidentMembers members={query.data.members} />
    </div>
  );
}

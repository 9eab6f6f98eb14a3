"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { LiveEscalations } from "./live-escalations";
import { PolicyEditor } from "./policy-editor";
import { PolicyList } from "./policy-list";
import { ScheduleCard } from "./schedule-card";
import { ScheduleEditor } from "./schedule-editor";
import type { LiveEscalation, PolicyList as Policies, ScheduleSummary } from "./types";

const REFRESH_MS = 15_000;

interface OncallBoardProps {
  initialSchedules: ScheduleSummary[];
  initialPolicies: Policies;
  initialEscalations: LiveEscalation[];
  canManage: boolean;
  /** The viewer, whose own shifts the swap form lists first. */
  userId: string;
}

/** The on-call page: live escalations first (acknowledge from a phone), then schedules, then policies. */
export function OncallBoard({
  initialSchedules,
  initialPolicies,
  initialEscalations,
  canManage,
  userId,
}: OncallBoardProps) {
  const t = useTranslations("oncall");
  const trpc = useTRPC();
  const schedules = useQuery(
    trpc.oncall.schedules.queryOptions(undefined, {
      initialData: initialSchedules,
      refetchInterval: REFRESH_MS,
    }),
  );
  const policies = useQuery(trpc.oncall.policies.queryOptions(undefined, { initialData: initialPolicies }));
  const escalations = useQuery(
    trpc.oncall.escalations.queryOptions(undefined, {
      initialData: initialEscalations,
      refetchInterval: REFRESH_MS,
    }),
  );

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="oncall-live">
        <h2 id="oncall-live" className="mb-3 text-lg font-semibold">
          {t("liveHeading")}
        </h2>
        <LiveEscalations escalations={escalations.data ?? []} />
      </section>
      <section aria-labelledby="oncall-schedules">
        <h2 id="oncall-schedules" className="mb-3 text-lg font-semibold">
          {t("schedulesHeading")}
        </h2>
        {(schedules.data ?? []).length === 0 ? (
          <p className="text-sm text-fg-muted">{t("noSchedules")}</p>
        ) : (
          <ul className="grid gap-3 lg:grid-cols-2">
            {(schedules.data ?? []).map((schedule) => (
              <li key={schedule.id}>
                <ScheduleCard schedule={schedule} canManage={canManage} userId={userId} />
              </li>
            ))}
          </ul>
        )}
        {canManage ? (
          <Card className="mt-4 p-4">
            <h3 className="mb-3 font-semibold">{t("editor.newSchedule")}</h3>
            <ScheduleEditor />
          </Card>
        ) : null}
      </section>
      <section aria-labelledby="oncall-policies">
        <h2 id="oncall-policies" className="mb-3 text-lg font-semibold">
          {t("policiesHeading")}
        </h2>
        <PolicyList policies={policies.data ?? initialPolicies} canManage={canManage} />
        {canManage ? <PolicyEditor /> : null}
      </section>
    </div>
  );
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { ChevronRightIcon } from "@/components/ui/icons";
import { loadPercent, readAssignmentReason } from "./assignment-reason";
import type { TimelineItem } from "./timeline-model";
import type { Agent } from "./types";

type AssignmentItem = Extract<TimelineItem, { kind: "assignment" }>;

const RULES = ["least_loaded", "least_load", "no_eligible_agent", "all_at_capacity", "manual"] as const;
const DECIDERS = ["only_candidate", "load_ratio", "round_robin", "agent_id", "none"] as const;

const percentText = (percent: number | null) => (percent === null ? "—" : `${percent}%`);

/** Who got the ticket and why: for routing, the candidates with their loads and the step that decided. */
export function AssignmentEntry({ entry, agents }: { entry: AssignmentItem; agents: readonly Agent[] }) {
  const t = useTranslations("tickets.assignment");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const reason = readAssignmentReason(entry.reason);
  const rule = RULES.find((r) => r === reason?.rule);
  const decider = DECIDERS.find((d) => d === reason?.decidedBy);
  const candidates = reason?.candidates ?? [];
  const nameOf = (id: string | null) => agents.find((agent) => agent.id === id)?.name ?? t("unknownAgent");
  const by = entry.actorName ?? (entry.decidedBy === "auto" ? t("routing") : null);

  return (
    <div data-testid="timeline-assignment" className="px-1 text-xs text-fg-muted">
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className="size-1.5 shrink-0 rounded-full bg-accent/60" />
        <span className="min-w-0 flex-1">
          <span className="text-fg">
            {entry.assignee ? t("assigned", { name: entry.assignee.name }) : t("unassigned")}
          </span>
          {by ? ` · ${by}` : null}
          {rule ? ` · ${t(`rule.${rule}`)}` : null}
        </span>
        {candidates.length > 0 || decider ? (
          <button
            type="button"
            data-testid="assignment-reason-toggle"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={() => setOpen((wasOpen) => !wasOpen)}
            className="inline-flex items-center gap-1 rounded-sm hover:text-fg"
          >
            <ChevronRightIcon className={cn("size-3.5 transition-transform", open && "rotate-90")} />
            {t("why")}
          </button>
        ) : null}
        <time dateTime={entry.at.toISOString()} className="shrink-0 tabular-nums">
          {format.dateTime(entry.at, "medium")}
        </time>
      </div>
      {open ? (
        <div
          id={detailsId}
          data-testid="assignment-reason"
          className="mt-2 ml-3.5 max-h-72 overflow-y-auto rounded-md border border-border bg-surface-muted/60 p-2"
        >
          {decider ? (
            <p className="mb-1.5 text-fg">{t("decidedBy", { step: t(`decider.${decider}`) })}</p>
          ) : null}
          {candidates.length > 0 ? (
            <table className="w-full text-left">
              <caption className="sr-only">{t("candidates")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-0.5 pr-3 font-medium">
                    {t("candidate")}
                  </th>
                  <th scope="col" className="py-0.5 pr-3 font-medium">
                    {t("load")}
                  </th>
                  <th scope="col" className="py-0.5 pr-3 font-medium">
                    {t("withTicket")}
                  </th>
                  <th scope="col" className="py-0.5 font-medium">
                    {t("eligibility")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((candidate, index) => (
                  <tr
                    key={candidate.id ?? index}
                    className={cn(candidate.id === entry.assignee?.id && "font-medium text-fg")}
                  >
                    <td className="py-0.5 pr-3">{nameOf(candidate.id)}</td>
                    <td className="py-0.5 pr-3 tabular-nums">
                      {candidate.load}/{candidate.capacity}
                    </td>
                    <td className="py-0.5 pr-3 tabular-nums">
                      {percentText(loadPercent(candidate, reason?.weight))}
                    </td>
                    <td className="py-0.5">
                      {candidate.eligible === false ? (candidate.why ?? t("notEligible")) : t("eligible")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

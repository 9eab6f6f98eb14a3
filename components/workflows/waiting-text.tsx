"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { WorkflowCard } from "@/server/workflows/read-contract";

type Waiting = WorkflowCard["waiting"][number]["waitingFor"];

/** What an open step (or a returned request) waits for, in words: names, approvals counted, an event, a timer. */
export function WaitingText({ waiting, people }: { waiting: Waiting; people: Record<string, string> }) {
  const t = useTranslations("workflows.waiting");
  const format = useFormatter();
  const name = (id: string) => people[id] ?? id.slice(0, 8);
  const at = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  switch (waiting.type) {
    case "people": {
      const names = waiting.userIds.length > 0 ? waiting.userIds.map(name).join(", ") : t("nobody");
      return (
        <span data-testid="wf-waiting">
          {t("people", { names })}
          {waiting.needed !== null &&
            ` · ${t("approvals", { approved: waiting.approved ?? 0, needed: waiting.needed })}`}
        </span>
      );
    }
    case "event":
      return (
        <span data-testid="wf-waiting">
          {t("event", { event: waiting.eventType })}
          {waiting.heldSince &&
            ` · ${t("held", { time: at(waiting.heldSince), minutes: waiting.holdMinutes ?? 0 })}`}
        </span>
      );
    case "timer":
      return (
        <span data-testid="wf-waiting">{waiting.until ? t("timer", { time: at(waiting.until) }) : null}</span>
      );
    case "initiator":
      return <span data-testid="wf-waiting">{t(waiting.action, { name: name(waiting.userId) })}</span>;
  }
}

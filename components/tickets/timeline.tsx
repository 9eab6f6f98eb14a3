"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { AssignmentEntry } from "./assignment-entry";
import { TimelineComment } from "./timeline-comment";
import { TimelineEvent } from "./timeline-event";
import { timelineItems } from "./timeline-model";
import type { Agent, TicketDetail, TimelineEntry } from "./types";

interface TimelineProps {
  ticket: TicketDetail;
  entries: readonly TimelineEntry[];
  agents: readonly Agent[];
}

/** The request, then everything that happened, oldest first: messages as cards, changes as single lines. */
export function Timeline({ ticket, entries, agents }: TimelineProps) {
  const t = useTranslations("tickets.timeline");
  const items = useMemo(() => timelineItems(entries), [entries]);
  return (
    <section aria-label={t("label")}>
      <ol className="space-y-3" data-testid="timeline">
        <li>
          <TimelineComment
            author={ticket.requesterName}
            at={ticket.createdAt}
            body={ticket.description}
            visibility="requester"
            testId="ticket-description"
          />
        </li>
        {items.map((item) => (
          <li key={item.id}>
            {item.kind === "comment" ? (
              <TimelineComment
                author={item.author?.name ?? t("actor.system")}
                at={item.at}
                body={item.body}
                visibility={item.visibility}
              />
            ) : item.kind === "event" ? (
              <TimelineEvent entry={item} />
            ) : (
              <AssignmentEntry entry={item} agents={agents} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { PresenceAvatars } from "./presence-avatars";
import { SlaBadge } from "./sla-badge";
import { PriorityBadge, StatusBadge } from "./ticket-badges";
import type { TicketDetail, Viewer } from "./types";
import type { LiveStatus } from "@/components/providers/live-events";

interface TicketHeaderProps {
  ticket: TicketDetail;
  viewers: readonly Viewer[];
  live: LiveStatus;
}

export function TicketHeader({ ticket, viewers, live }: TicketHeaderProps) {
  const t = useTranslations("tickets");
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-xs text-fg-muted">
        <Link
          href="/tickets"
          className="rounded-sm hover:text-fg hover:underline"
          data-testid="back-to-queue"
        >
          ← {t("detail.back")}
        </Link>
        <span aria-hidden="true">/</span>
        <span className="font-mono" data-testid="ticket-number">
          #{ticket.number}
        </span>
        <span className="ml-auto inline-flex items-center gap-3">
          {viewers.length > 0 ? (
            <span className="inline-flex items-center gap-2" data-testid="detail-viewers">
              <span>{t("presence.alsoHere")}</span>
              <PresenceAvatars people={viewers} size="md" />
            </span>
          ) : null}
          <span className="inline-flex items-center gap-1.5" data-testid="live-status" data-state={live}>
            <span
              aria-hidden="true"
              className={cn(
                "size-2 rounded-full",
                live === "pending" ? "bg-success" : live === "error" ? "bg-danger" : "bg-warning",
              )}
            />
            {t(`live.${live}`)}
          </span>
        </span>
      </div>
      <h1 className="text-xl font-semibold tracking-tight break-words text-fg" data-testid="ticket-subject">
        {ticket.subject}
      </h1>
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <SlaBadge sla={ticket.sla} />
        <span className="text-xs text-fg-muted">{t(`category.${ticket.category}`)}</span>
        <span className="text-xs text-fg-muted">
          {ticket.assignee ? t("detail.assignedTo", { name: ticket.assignee.name }) : t("queue.unassigned")}
        </span>
      </div>
    </header>
  );
}

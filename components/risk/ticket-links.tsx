"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { CaseDetail } from "./types";
import { useCaseRefresh } from "./use-case-refresh";

type TicketSummary = CaseDetail["relatedTickets"][number];

function TicketLine({ ticket }: { ticket: TicketSummary }) {
  const t = useTranslations("risk.tickets");
  return (
    <span className="min-w-0">
      <span className="block truncate text-sm">
        {t("ticket", { number: ticket.number, subject: ticket.subject })}
      </span>
      <span className="flex gap-1.5 text-xs text-fg-muted">
        <Badge>{ticket.status}</Badge>
        <Badge>{ticket.priority}</Badge>
        {ticket.orderRef ? <span className="font-mono">{ticket.orderRef}</span> : null}
      </span>
    </span>
  );
}

/** Tickets linked to the case, and support tickets about the same order or requester that could be. */
export function TicketLinks({ riskCase, canWrite }: { riskCase: CaseDetail; canWrite: boolean }) {
  const t = useTranslations("risk.tickets");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const refresh = useCaseRefresh(riskCase.id);
  const [error, setError] = useState<string | null>(null);
  const link = useMutation(
    trpc.risk.linkTicket.mutationOptions({
      onSuccess: () => refresh(),
      onError: (e) => setError(errorText(e)),
    }),
  );

  return (
    <Card className="p-4" data-testid="risk-tickets">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      <h3 className="mt-2 text-xs font-medium text-fg-muted">{t("linked")}</h3>
      {riskCase.linkedTickets.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("noneLinked")}</p>
      ) : (
        <ul className="divide-y divide-border">
          {riskCase.linkedTickets.map((ticket) => (
            <li key={ticket.id} className="py-1.5">
              <TicketLine ticket={ticket} />
            </li>
          ))}
        </ul>
      )}
      {riskCase.relatedTickets.length > 0 ? (
        <>
          <h3 className="mt-3 text-xs font-medium text-fg-muted">{t("related")}</h3>
          <ul className="divide-y divide-border">
            {riskCase.relatedTickets.map((ticket) => (
              <li key={ticket.id} className="flex items-center justify-between gap-2 py-1.5">
                <TicketLine ticket={ticket} />
                {canWrite ? (
                  <Button
                    size="sm"
                    aria-label={t("linkLabel", { number: ticket.number })}
                    disabled={link.isPending}
                    onClick={() => link.mutate({ caseId: riskCase.id, ticketId: ticket.id })}
                  >
                    {t("link")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-xs text-danger">
          {error}
        </p>
      ) : null}
    </Card>
  );
}

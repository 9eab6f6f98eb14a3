"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { LinkedRiskCase, TicketDetail } from "./types";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2 py-1">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="min-w-0 text-sm break-words" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

interface TicketFactsProps {
  ticket: TicketDetail;
  /** null when the user may not see risk cases. */
  riskCases: LinkedRiskCase[] | null;
}

/** Who asked, about which order and city, and which team owns the ticket. */
export function TicketFacts({ ticket, riskCases }: TicketFactsProps) {
  const t = useTranslations("tickets.facts");
  const tSource = useTranslations("tickets.source");
  const format = useFormatter();
  const ja = useLocale() === "ja";
  const none = <span className="text-fg-muted">—</span>;

  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading" className="mb-1 text-xs font-semibold tracking-wide text-fg-muted uppercase">
        {t("heading")}
      </h2>
      <dl className="divide-y divide-border/60">
        <Fact label={t("requester")} testId="fact-requester">
          {ticket.requesterName}
          {ticket.requesterEmail ? (
            <span className="block text-xs text-fg-muted">{ticket.requesterEmail}</span>
          ) : null}
        </Fact>
        <Fact label={t("orderRef")} testId="fact-order">
          {ticket.orderRef ? <span className="font-mono text-xs">{ticket.orderRef}</span> : none}
        </Fact>
        <Fact label={t("city")}>{ticket.city ? (ja ? ticket.city.nameJa : ticket.city.name) : none}</Fact>
        <Fact label={t("team")}>{ja ? ticket.team.nameJa : ticket.team.name}</Fact>
        <Fact label={t("source")}>{tSource(ticket.source)}</Fact>
        <Fact label={t("language")}>{ticket.language.toUpperCase()}</Fact>
        <Fact label={t("created")}>{format.dateTime(ticket.createdAt, "medium")}</Fact>
        {ticket.externalId ? (
          <Fact label={t("externalId")}>
            <span className="font-mono text-xs">{ticket.externalId}</span>
          </Fact>
        ) : null}
        {ticket.escalationLevel > 0 ? (
          <Fact label={t("escalation")}>{t("escalationLevel", { level: ticket.escalationLevel })}</Fact>
        ) : null}
        {riskCases !== null ? (
          <Fact label={t("riskCases")} testId="fact-risk-cases">
            {riskCases.length === 0
              ? none
              : riskCases.map((riskCase) => (
                  <span key={riskCase.id} className="block text-xs">
                    <span className="font-mono">R-{riskCase.number}</span> · {riskCase.type} ·{" "}
                    {riskCase.level} · {riskCase.status}
                  </span>
                ))}
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

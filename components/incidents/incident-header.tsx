"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Checkbox } from "@/components/ui/form-controls";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useNow } from "@/components/lib/use-now";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { IncidentDetail, IncidentSummary } from "@/server/incidents/contract";

type State = IncidentSummary["state"];

/**
 * The incident's title, state, what it affects and its response targets, with the moves the state machine
 * allows. Resolving asks first whether its linked tickets resolve with it (each answered with the note).
 */
export function IncidentHeader({ detail, onChanged }: { detail: IncidentDetail; onChanged: () => void }) {
  const t = useTranslations("incidents");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const { incident, nextStates } = detail;
  const [resolving, setResolving] = useState(false);
  const change = useMutation(
    trpc.incidents.changeState.mutationOptions({
      onSuccess: () => {
        setResolving(false);
        onChanged();
      },
    }),
  );
  const move = (to: State, extra: { resolveTickets?: boolean; resolutionNote?: string } = {}) =>
    change.mutate({ incidentId: incident.id, to, expectedVersion: incident.version, ...extra });
  const affected = [
    incident.restaurantId ? `${t("key.restaurant")} ${incident.restaurantId}` : null,
    incident.courierId ? `${t("key.courier")} ${incident.courierId}` : null,
    incident.area ? `${t("key.area")} ${incident.area}` : null,
  ].filter((part) => part !== null);

  return (
    <Card
      className="p-4 max-sm:p-3"
      data-testid="incident-header"
      data-state={incident.state}
      data-version={incident.version}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge>{incident.priority}</Badge>
        <h2 className="min-w-0 text-lg font-semibold break-words" data-testid="incident-title">
          #{incident.number} {incident.title}
        </h2>
        <span className="text-sm" data-testid="incident-state">
          {t(`state.${incident.state}`)}
        </span>
      </div>
      {affected.length > 0 ? (
        <p className="mt-1 text-xs break-all text-fg-muted">{affected.join(" · ")}</p>
      ) : null}
      <ResponseTargets incident={incident} />
      <div className="mt-3 flex flex-wrap gap-2">
        {nextStates.map((to) => (
          <Button
            key={to}
            variant={to === "resolved" ? "primary" : "secondary"}
            size="sm"
            disabled={change.isPending}
            onClick={() => (to === "resolved" ? setResolving(true) : move(to))}
            data-testid={`incident-move-${to}`}
          >
            {t("room.moveTo", { state: t(`state.${to}`) })}
          </Button>
        ))}
      </div>
      {resolving ? (
        <ResolveForm
          tickets={detail.members.filter((m) => m.kind === "ticket" && !m.removedAt).length}
          pending={change.isPending}
          onCancel={() => setResolving(false)}
          onResolve={(extra) => move("resolved", extra)}
        />
      ) : null}
      {change.error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorText(change.error)}
        </p>
      ) : null}
    </Card>
  );
}

function ResolveForm({
  tickets,
  pending,
  onCancel,
  onResolve,
}: {
  tickets: number;
  pending: boolean;
  onCancel: () => void;
  onResolve: (extra: { resolveTickets: boolean; resolutionNote?: string }) => void;
}) {
  const t = useTranslations("incidents.room");
  const [withTickets, setWithTickets] = useState(tickets > 0);
  const [note, setNote] = useState("");
  return (
    <form
      className="mt-3 space-y-2 rounded-md border border-border p-3"
      data-testid="incident-resolve-form"
      onSubmit={(event) => {
        event.preventDefault();
        onResolve({
          resolveTickets: withTickets,
          ...(withTickets && note.trim() ? { resolutionNote: note.trim() } : {}),
        });
      }}
    >
      {tickets > 0 ? (
        <Checkbox
          label={t("resolveTickets", { count: tickets })}
          hint={t("resolveTicketsHint")}
          checked={withTickets}
          onChange={(event) => setWithTickets(event.target.checked)}
          data-testid="incident-resolve-tickets"
        />
      ) : null}
      {withTickets ? (
        <textarea
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-label={t("resolutionNote")}
          placeholder={t("resolutionNotePlaceholder")}
          className="w-full rounded border border-border bg-bg p-2 text-sm"
          rows={2}
          data-testid="incident-resolution-note"
        />
      ) : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          variant="primary"
          size="sm"
          disabled={pending}
          data-testid="incident-resolve-confirm"
        >
          {t("resolve")}
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** Acknowledge and mitigate targets of the priority: met (when), escalated (when), or due (in how long). */
function ResponseTargets({ incident }: { incident: IncidentSummary }) {
  const t = useTranslations("incidents.room");
  const format = useFormatter();
  const now = useNow(30_000);
  const targets = [
    {
      key: "respond",
      due: incident.respondDueAt,
      met: incident.acknowledgedAt,
      escalated: incident.respondEscalatedAt,
    },
    {
      key: "mitigate",
      due: incident.mitigateDueAt,
      met: incident.mitigatedAt,
      escalated: incident.mitigateEscalatedAt,
    },
  ] as const;
  return (
    <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-2">
      {targets.map((target) => {
        const late = target.met === null && now !== null && target.due.getTime() < now;
        return (
          <div key={target.key} className="flex flex-wrap gap-x-1" data-testid={`target-${target.key}`}>
            <dt className="font-medium">{t(`target.${target.key}`)}:</dt>
            <dd className={late ? "text-danger" : "text-fg-muted"}>
              {target.met
                ? t("target.met", { at: format.dateTime(target.met, "short") })
                : t(late ? "target.late" : "target.due", { at: format.dateTime(target.due, "short") })}
              {target.escalated
                ? ` · ${t("target.escalated", { at: format.dateTime(target.escalated, "short") })}`
                : ""}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

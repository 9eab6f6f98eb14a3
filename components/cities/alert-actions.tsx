"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useNow } from "@/components/lib/use-now";
import { Button } from "@/components/ui/button";
import type { AlertItem } from "./types";
import type { AlertMutations } from "./use-alert-mutations";

const SILENCE_MINUTES = [30, 60, 240, 1440] as const;

interface AlertActionsProps {
  alert: AlertItem;
  mutations: AlertMutations;
  canManage: boolean;
}

/** Acknowledge, silence for a while (or end the silence) and resolve an open alert. */
export function AlertActions({ alert, mutations, canManage }: AlertActionsProps) {
  const t = useTranslations("cities.alerts");
  const selectId = useId();
  const [minutes, setMinutes] = useState<(typeof SILENCE_MINUTES)[number]>(60);
  const now = useNow(30_000);
  const busy = Object.values(mutations).some((mutation) => mutation.isPending);
  if (!canManage || alert.state === "resolved") return null;
  const silenced = alert.silencedUntil !== null && now !== null && alert.silencedUntil.getTime() > now;
  const alertId = alert.id;

  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {alert.acknowledgedAt === null ? (
        <Button
          size="sm"
          variant="primary"
          disabled={busy}
          onClick={() => mutations.acknowledge.mutate({ alertId })}
          data-testid="alert-acknowledge"
        >
          {t("acknowledge")}
        </Button>
      ) : null}
      {silenced ? (
        <Button
          size="sm"
          disabled={busy}
          onClick={() => mutations.unsilence.mutate({ alertId })}
          data-testid="alert-unsilence"
        >
          {t("unsilence")}
        </Button>
      ) : (
        <span className="inline-flex items-center">
          <label htmlFor={selectId} className="sr-only">
            {t("silenceFor")}
          </label>
          <select
            id={selectId}
            value={minutes}
            onChange={(event) =>
              setMinutes(SILENCE_MINUTES.find((m) => m === Number(event.target.value)) ?? 60)
            }
            className="h-7 rounded-l-md border border-r-0 border-border bg-surface px-1.5 text-xs"
            disabled={busy}
          >
            {SILENCE_MINUTES.map((value) => (
              <option key={value} value={value}>
                {t(`durations.${value}`)}
              </option>
            ))}
          </select>
          <Button
            size="sm"
            className="rounded-l-none"
            disabled={busy}
            onClick={() => mutations.silence.mutate({ alertId, minutes })}
            data-testid="alert-silence"
          >
            {t("silence")}
          </Button>
        </span>
      )}
      {alert.state === "firing" ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={busy}
          onClick={() => mutations.resolve.mutate({ alertId })}
          data-testid="alert-resolve"
        >
          {t("resolve")}
        </Button>
      ) : null}
    </div>
  );
}

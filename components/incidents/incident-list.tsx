"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { useLiveRefetch } from "@/components/lib/use-live-refetch";
import { useRelativeTime } from "@/components/lib/use-relative-time";

/** Incidents, newest first, refreshed live as they are declared, joined and moved. */
export function IncidentList() {
  const t = useTranslations("incidents");
  const relative = useRelativeTime();
  const trpc = useTRPC();
  const live = useLiveRefetch("incident", (trpc) => trpc.incidents.pathKey());
  const [state, setState] = useState<"open" | "all">("open");
  const query = useQuery(trpc.incidents.list.queryOptions({ state, limit: 100 }));
  const items = query.data ?? [];
  return (
    <Card className="p-0">
      <div className="flex items-center justify-between gap-3 border-b border-border px-4 py-3">
        <div className="flex gap-2" role="group" aria-label={t("list.filter")}>
          {(["open", "all"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={state === value}
              onClick={() => setState(value)}
              className="rounded px-2 py-1 text-sm aria-pressed:bg-accent aria-pressed:text-accent-fg"
            >
              {t(`list.${value}`)}
            </button>
          ))}
        </div>
        <span className="text-xs text-fg-muted" data-testid="incidents-live" data-state={live}>
          {t(`live.${live}`)}
        </span>
      </div>
      {items.length === 0 ? (
        <p className="px-4 py-6 text-sm text-fg-muted">{query.isLoading ? t("loading") : t("list.empty")}</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="incident-list">
          {items.map((incident) => (
            <li
              key={incident.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3"
              data-testid="incident-row"
              data-state={incident.state}
            >
              <Badge>{incident.priority}</Badge>
              <Link
                href={`/incidents/${incident.id}`}
                className="min-w-0 flex-1 basis-48 truncate font-medium hover:underline"
              >
                #{incident.number} {incident.title}
              </Link>
              <span className="text-sm">{t(`state.${incident.state}`)}</span>
              <span className="text-xs text-fg-muted">
                {t("list.members", { count: incident.memberCount })}
              </span>
              <time className="text-xs text-fg-muted" dateTime={incident.createdAt.toISOString()}>
                {relative(incident.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

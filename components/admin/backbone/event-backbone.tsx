"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import type { BackboneOverview, DeadLetterDto } from "@/server/backbone/contract";
import { ErrorNotice } from "../error-notice";
import { ConsumersTable } from "./consumers-table";
import { DeadLettersTable, deadLetterKey } from "./dead-letters-table";

const REFRESH_MS = 5_000;

/** The consumers' backlog and dead letters, refreshed every few seconds; dead letters can be redriven. */
export function EventBackbone({ initial }: { initial: BackboneOverview }) {
  const t = useTranslations("admin.backbone");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overviewQuery = trpc.backbone.overview.queryOptions(
    { limit: 100 },
    { initialData: initial, refetchInterval: REFRESH_MS },
  );
  const overview = useQuery(overviewQuery);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const redrive = useMutation(
    trpc.backbone.redrive.mutationOptions({
      onSuccess: (result) => {
        setSelected(new Set());
        setNotice(t("redriven", { count: result.redriven }));
        void queryClient.invalidateQueries({ queryKey: overviewQuery.queryKey });
      },
    }),
  );
  const send = (rows: DeadLetterDto[]) =>
    redrive.mutate({ deliveries: rows.map((row) => ({ consumer: row.consumer, eventSeq: row.eventSeq })) });
  const toggle = (key: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const dead = overview.data.deadLetters;

  return (
    <div className="space-y-6">
      <section aria-labelledby="backbone-consumers-title" className="space-y-2">
        <h2 id="backbone-consumers-title" className="text-sm font-semibold">
          {t("consumersTitle")}
        </h2>
        <ConsumersTable consumers={overview.data.consumers} />
      </section>
      <section aria-labelledby="backbone-dead-title" className="space-y-2">
        <div className="flex items-center justify-between gap-4">
          <h2 id="backbone-dead-title" className="text-sm font-semibold">
            {t("deadTitle")}
          </h2>
          <Button
            size="sm"
            variant="primary"
            data-testid="backbone-redrive-selected"
            disabled={selected.size === 0 || redrive.isPending}
            onClick={() => send(dead.filter((row) => selected.has(deadLetterKey(row))))}
          >
            {t("redriveSelected", { count: selected.size })}
          </Button>
        </div>
        {redrive.isError ? <ErrorNotice message={errorText(redrive.error)} /> : null}
        {notice ? (
          <p role="status" className="text-xs text-fg-muted" data-testid="backbone-notice">
            {notice}
          </p>
        ) : null}
        <DeadLettersTable
          rows={dead}
          selected={selected}
          onToggle={toggle}
          onRedrive={send}
          busy={redrive.isPending}
        />
      </section>
    </div>
  );
}

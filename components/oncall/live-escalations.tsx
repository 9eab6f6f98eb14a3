"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { LiveEscalation } from "./types";

const SEVERITY_TONE = { critical: "danger", high: "warning" } as const;

/** Live escalations as cards (they stack at 390 px); acknowledging one stops every pending step of its object. */
export function LiveEscalations({ escalations }: { escalations: LiveEscalation[] }) {
  const t = useTranslations("oncall");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useMutationErrorText();
  const [notice, setNotice] = useState<string | null>(null);
  const acknowledge = useMutation(
    trpc.oncall.acknowledge.mutationOptions({
      onSuccess: async () => {
        setNotice(t("acknowledged"));
        await queryClient.invalidateQueries({ queryKey: trpc.oncall.pathKey() });
      },
    }),
  );

  if (escalations.length === 0) return <p className="text-sm text-fg-muted">{t("noLive")}</p>;
  return (
    <div className="flex flex-col gap-3">
      {notice ? (
        <p role="status" className="text-sm text-success">
          {notice}
        </p>
      ) : null}
      {acknowledge.error ? (
        <p role="alert" className="text-sm text-danger">
          {errorText(acknowledge.error)}
        </p>
      ) : null}
      <ul className="flex flex-col gap-3">
        {escalations.map((escalation) => (
          <li key={escalation.id} data-testid="oncall-escalation">
            <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={SEVERITY_TONE[escalation.severity as keyof typeof SEVERITY_TONE] ?? "neutral"}>
                    {escalation.severity}
                  </Badge>
                  <Link
                    href={escalation.path}
                    className="font-medium break-words text-accent hover:underline"
                  >
                    {escalation.title}
                  </Link>
                </div>
                <p className="mt-1 text-sm text-fg-muted">
                  {t("level", { level: escalation.level + 1 })} ·{" "}
                  {t("steps", { count: escalation.stepsFired })} ·{" "}
                  {escalation.nextStepAt
                    ? t("nextStep", { time: format.dateTime(escalation.nextStepAt, { timeStyle: "short" }) })
                    : t("exhausted")}
                </p>
              </div>
              <Button
                className="w-full sm:w-auto"
                disabled={acknowledge.isPending}
                data-testid="oncall-acknowledge"
                onClick={() => acknowledge.mutate({ escalationId: escalation.id })}
              >
                {t("acknowledge")}
              </Button>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}

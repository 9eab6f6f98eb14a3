"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";

/** "E-mail me the daily report": the reader's own subscription to the daily snapshot of the reports they may read. */
export function DailyMailToggle() {
  const t = useTranslations("reports.dailyMail");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.reports.subscription.queryOptions());
  const change = useMutation(
    trpc.reports.setSubscription.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.reports.subscription.queryKey(), saved),
    }),
  );
  const subscribed = current.data?.subscribed ?? false;
  return (
    <label className="flex items-center gap-2 text-sm" title={t("hint")}>
      <input
        type="checkbox"
        checked={subscribed}
        disabled={current.isPending || change.isPending}
        data-testid="report-daily-mail"
        onChange={(event) => change.mutate({ subscribed: event.target.checked })}
      />
      {t("label")}
      {change.isError ? <span className="text-xs text-danger">{t("failed")}</span> : null}
    </label>
  );
}

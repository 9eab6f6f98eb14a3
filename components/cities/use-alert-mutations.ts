"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TRPCClientErrorLike } from "@trpc/client";
import { useTRPC } from "@/components/providers/trpc";
import type { AppRouter } from "@/server/api/root";

/** Alert and response-plan actions; each refreshes the city's detail when it succeeds. */
export function useAlertMutations(code: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.cities.detail.queryKey({ code }) });
  return {
    acknowledge: useMutation(trpc.alerts.acknowledge.mutationOptions({ onSuccess })),
    silence: useMutation(trpc.alerts.silence.mutationOptions({ onSuccess })),
    unsilence: useMutation(trpc.alerts.unsilence.mutationOptions({ onSuccess })),
    resolve: useMutation(trpc.alerts.resolve.mutationOptions({ onSuccess })),
    tickStep: useMutation(trpc.alerts.tickStep.mutationOptions({ onSuccess })),
  };
}

export type AlertMutations = ReturnType<typeof useAlertMutations>;

interface Outcome {
  isError: boolean;
  error: TRPCClientErrorLike<AppRouter> | null;
}

/** The failure to show on one alert's card: its own last action, or a step of its plan. */
export function errorFor(mutations: AlertMutations, alertId: string, runId: string | null) {
  const own: (Outcome & { variables?: { alertId: string } })[] = [
    mutations.acknowledge,
    mutations.silence,
    mutations.unsilence,
    mutations.resolve,
  ];
  const failed = own.find((mutation) => mutation.isError && mutation.variables?.alertId === alertId);
  if (failed?.error) return failed.error;
  const tick: Outcome & { variables?: { runId: string } } = mutations.tickStep;
  return tick.isError && runId !== null && tick.variables?.runId === runId ? tick.error : null;
}

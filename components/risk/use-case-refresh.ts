"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/components/providers/trpc";

/** Refetches everything shown about a case (detail, history) and the list, after a change here or elsewhere. */
export function useCaseRefresh(caseId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.risk.get.queryKey({ caseId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.risk.history.queryKey({ caseId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.risk.list.pathKey() }),
      ]),
    [caseId, queryClient, trpc],
  );
}

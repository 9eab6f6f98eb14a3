"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { decisionProblem } from "./decision-error";

export type DecisionInput = {
  instanceId: string;
  expectedVersion?: number;
  decision: Record<string, unknown> & { type: string };
};

/**
 * Sends one decision and turns a refusal into words: the compliance reason (422), or "someone decided first" with
 * the state the instance is in now (409) — after which every workflow query is refetched.
 */
export function useDecide(onDone?: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations("workflows");
  const tErrors = useTranslations("errors");
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workflows.pathKey() });

  const mutation = useMutation(
    trpc.workflows.decide.mutationOptions({
      onSuccess: () => {
        setProblem(null);
        void refresh();
        onDone?.();
      },
      onError: (error) => {
        const p = decisionProblem(error, tErrors("unexpected"));
        if (p.kind === "refused") setProblem(t("problem.refused", { reason: p.reason, message: p.message }));
        else if (p.kind === "conflict") {
          const known = p.currentState !== null && p.currentState in STATE_KEYS;
          setProblem(
            known
              ? t("problem.conflict", { state: t(`state.${p.currentState as StateKey}`) })
              : t("problem.conflictUnknown"),
          );
          void refresh();
        } else setProblem(p.message);
      },
    }),
  );

  return {
    decide: (input: DecisionInput) => mutation.mutate(input as never),
    pending: mutation.isPending,
    problem,
    clearProblem: () => setProblem(null),
  };
}

const STATE_KEYS = {
  draft: 1,
  pending: 1,
  in_progress: 1,
  approved: 1,
  rejected: 1,
  changes_requested: 1,
  cancelled: 1,
  completed: 1,
} as const;
type StateKey = keyof typeof STATE_KEYS;

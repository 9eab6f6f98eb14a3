"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC, useTRPCClient } from "@/components/providers/trpc";
import type { AppRouter } from "@/server/api/root";
import { conflictOf } from "./conflict";
import type { TicketChange, TicketDetail } from "./types";

/** A write the user asked for, kept so it can be re-applied on top of someone else's change. */
export type Attempt =
  | { kind: "update"; change: TicketChange }
  | { kind: "comment"; body: string; visibility: "internal" | "public" }
  | { kind: "assignToMe" };

export interface Conflict {
  attempt: Attempt;
  /** The ticket as the user saw it when they made the change. */
  seen: TicketDetail;
  current: TicketDetail;
}

/**
 * Every write carries the version the user saw. A stale version comes back as CONFLICT with the current ticket;
 * nothing is overwritten, and the user chooses to reload or to re-apply their change on the current version.
 */
export function useTicketWrites(ticket: TicketDetail, onCommented: () => void) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const errorText = useMutationErrorText();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const getKey = trpc.tickets.get.queryKey({ id: ticket.id });

  const mutation = useMutation<
    TicketDetail,
    TRPCClientError<AppRouter>,
    { attempt: Attempt; version: number }
  >({
    mutationFn: ({ attempt, version }: { attempt: Attempt; version: number }) => {
      const target = { id: ticket.id, version };
      if (attempt.kind === "update") return client.tickets.update.mutate({ ...target, ...attempt.change });
      if (attempt.kind === "comment") {
        return client.tickets.comment.mutate({
          ...target,
          body: attempt.body,
          visibility: attempt.visibility,
        });
      }
      return client.tickets.assignToMe.mutate(target);
    },
    onSuccess: async (updated, { attempt }) => {
      setConflict(null);
      if (attempt.kind === "comment") onCommented();
      queryClient.setQueryData(getKey, (previous) => previous && { ...previous, ticket: updated });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: getKey }),
        queryClient.invalidateQueries({ queryKey: trpc.tickets.queue.pathKey() }),
      ]);
    },
    onError: (error, { attempt }) => {
      const current = conflictOf(error);
      if (current) setConflict({ attempt, seen: ticket, current });
    },
  });

  const error = mutation.error && !conflictOf(mutation.error) ? errorText(mutation.error) : null;

  return {
    run: (attempt: Attempt) => mutation.mutate({ attempt, version: ticket.version }),
    pending: mutation.isPending ? mutation.variables.attempt : null,
    error,
    conflict,
    /** Sends the same change again, on the version that refused it. */
    reapply: () =>
      conflict && mutation.mutate({ attempt: conflict.attempt, version: conflict.current.version }),
    /** Drops the user's change and shows the ticket as it is now. */
    reload: async () => {
      setConflict(null);
      mutation.reset();
      await queryClient.invalidateQueries({ queryKey: getKey });
    },
  };
}

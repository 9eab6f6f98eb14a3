"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ApiClientSummary } from "@/server/integration/api-client-contract";

/** Two steps, because disabling cuts off a live integration: "Disable", then an explicit confirmation. */
interface DisableClientButtonProps {
  client: ApiClientSummary;
  /** Called once the list shows the client disabled, when this button is gone; the row takes the focus. */
  onDisabled: () => void;
}

export function DisableClientButton({ client, onDisabled }: DisableClientButtonProps) {
  const t = useTranslations("admin.apiClients.disable");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const startRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const disable = useMutation(
    trpc.apiClients.disable.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiClients.list.queryKey() });
        onDisabled();
      },
    }),
  );

  function confirm() {
    flushSync(() => setConfirming(true));
    confirmRef.current?.focus();
  }

  function cancel() {
    flushSync(() => setConfirming(false));
    startRef.current?.focus();
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && !disable.isPending) cancel();
  }

  return (
    <div className="inline-flex flex-col items-end gap-1">
      {confirming ? (
        <div
          role="group"
          aria-label={t("actionLabel", { name: client.name })}
          className="flex items-center gap-2"
          onKeyDown={cancelOnEscape}
        >
          <span className="text-xs text-fg-muted">{t("confirm")}</span>
          <Button
            ref={confirmRef}
            size="sm"
            variant="danger"
            data-testid="api-client-disable-confirm"
            disabled={disable.isPending}
            onClick={() => disable.mutate({ id: client.id })}
          >
            {disable.isPending ? <Spinner className="size-3.5" /> : null}
            {disable.isPending ? t("pending") : t("confirmAction")}
          </Button>
          <Button size="sm" variant="ghost" disabled={disable.isPending} onClick={cancel}>
            {t("cancel")}
          </Button>
        </div>
      ) : (
        <Button
          ref={startRef}
          size="sm"
          aria-label={t("actionLabel", { name: client.name })}
          data-testid="api-client-disable"
          onClick={confirm}
        >
          {t("action")}
        </Button>
      )}
      {disable.isError ? (
        <p role="alert" className="text-xs text-danger">
          {t("failed", { message: errorText(disable.error) })}
        </p>
      ) : null}
    </div>
  );
}

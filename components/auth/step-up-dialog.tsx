"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTRPCClient } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { finishStepUp, useStepUpRequested } from "./step-up-store";

/** The second-factor prompt for a privileged action; the action runs again once the code is accepted. */
export function StepUpDialog() {
  const t = useTranslations("security.stepUp");
  const client = useTRPCClient();
  const open = useStepUpRequested();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [code, setCode] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [pending, setPending] = useState(false);
  const errorId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    try {
      await client.account.verifyStepUp.mutate({ code });
      setCode("");
      setInvalid(false);
      finishStepUp(true);
    } catch {
      setInvalid(true);
    } finally {
      setPending(false);
    }
  }

  function cancel() {
    setCode("");
    setInvalid(false);
    finishStepUp(false);
  }

  return (
    <dialog
      ref={dialogRef}
      onCancel={cancel}
      aria-labelledby={`${errorId}-title`}
      data-testid="step-up-dialog"
      className="m-auto w-full max-w-sm rounded-lg border border-border bg-surface p-5 text-fg shadow-lg backdrop:bg-black/40"
    >
      <form onSubmit={submit} className="space-y-3">
        <h2 id={`${errorId}-title`} className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-fg-muted">{t("body")}</p>
        <div>
          <Label htmlFor={`${errorId}-code`}>{t("code")}</Label>
          <Input
            id={`${errorId}-code`}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            required
            maxLength={20}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            data-testid="step-up-code"
          />
          {invalid ? (
            <p id={errorId} role="alert" className="mt-1 text-sm text-danger">
              {t("invalid")}
            </p>
          ) : null}
        </div>
        <div className="flex justify-end gap-2">
          <Button type="button" onClick={cancel}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="primary" disabled={pending} data-testid="step-up-submit">
            {t("submit")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

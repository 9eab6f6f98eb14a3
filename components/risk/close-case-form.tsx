"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RISK_RESOLUTIONS, type RiskResolution } from "@/server/risk/types";
import type { CaseDetail } from "./types";
import { useCaseRefresh } from "./use-case-refresh";

/** Close with a resolution; the server enforces the rules (pending actions, a note for false positives). */
export function CloseCaseForm({ riskCase }: { riskCase: CaseDetail }) {
  const t = useTranslations("risk.close");
  const tResolutions = useTranslations("risk.resolutions");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const refresh = useCaseRefresh(riskCase.id);
  const noteId = useId();
  const errorId = useId();
  const [resolution, setResolution] = useState<RiskResolution>("mitigated");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const close = useMutation(
    trpc.risk.close.mutationOptions({
      onSuccess: () => refresh(),
      onError: (e) => setError(errorText(e)),
    }),
  );
  const pending = riskCase.actions.filter((a) => a.status === "todo" || a.status === "in_progress").length;
  const noteError = error?.startsWith("note:") ?? false;

  return (
    <Card className="p-4">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      <p className="text-xs text-fg-muted">{t("description")}</p>
      <form
        className="mt-3 space-y-3"
        data-testid="risk-close-form"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          close.mutate({ caseId: riskCase.id, resolution, note: note.trim() === "" ? undefined : note });
        }}
      >
        <fieldset>
          <legend className="mb-1 text-xs font-medium">{t("resolution")}</legend>
          <div className="space-y-1">
            {RISK_RESOLUTIONS.map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="resolution"
                  value={value}
                  checked={resolution === value}
                  onChange={() => setResolution(value)}
                  className="accent-[var(--accent)]"
                />
                {tResolutions(value)}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={noteId} className="mb-1 block text-xs font-medium">
            {t("note")}
            {resolution === "false_positive" ? (
              <span className="ml-1 font-normal text-fg-muted">({t("noteRequired")})</span>
            ) : null}
          </label>
          <textarea
            id={noteId}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t("notePlaceholder")}
            aria-invalid={noteError}
            aria-describedby={error ? errorId : undefined}
            className="block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm shadow-xs aria-invalid:border-danger"
          />
        </div>
        {pending > 0 ? <p className="text-xs text-warning">{t("pending", { count: pending })}</p> : null}
        {error ? (
          <p id={errorId} role="alert" className="text-xs text-danger">
            {error}
          </p>
        ) : null}
        <Button
          type="submit"
          variant="danger"
          size="sm"
          disabled={close.isPending}
          data-testid="risk-close-submit"
        >
          {close.isPending ? t("submitting") : t("submit")}
        </Button>
      </form>
    </Card>
  );
}

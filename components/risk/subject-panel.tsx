"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LockIcon } from "@/components/ui/icons";
import type { ProfileView } from "@/server/risk/pii";
import type { CaseDetail } from "./types";
import { useCaseRefresh } from "./use-case-refresh";

const FIELDS = [
  ["name", "displayName"],
  ["email", "email"],
  ["phone", "phone"],
  ["card", "card"],
  ["address", "address"],
] as const;

/** The subject's profile, masked; holders of pii:view can reveal it, and every reveal is audited. */
export function SubjectPanel({ riskCase, canRevealPii }: { riskCase: CaseDetail; canRevealPii: boolean }) {
  const t = useTranslations("risk.pii");
  const tSubjects = useTranslations("risk.subjectTypes");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const refresh = useCaseRefresh(riskCase.id);
  const [revealed, setRevealed] = useState<ProfileView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = useMutation(
    trpc.risk.revealPii.mutationOptions({
      onSuccess: (profile) => {
        setRevealed(profile);
        void refresh();
      },
      onError: (e) => setError(errorText(e)),
    }),
  );
  const profile = revealed ?? riskCase.profile;

  return (
    <Card className="p-4" data-testid="risk-subject">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm">
        <span className="text-fg-muted">{tSubjects(riskCase.subject.type)}</span>{" "}
        <span className="font-mono text-xs">{riskCase.subject.id}</span>
      </p>
      {profile === null ? (
        <p className="mt-2 text-sm text-fg-muted">{t("noProfile")}</p>
      ) : (
        <>
          <dl className="mt-2 divide-y divide-border text-sm" data-masked={profile.masked}>
            {FIELDS.map(([label, field]) => (
              <div key={field} className="flex justify-between gap-3 py-1.5">
                <dt className="text-fg-muted">{t(`fields.${label}`)}</dt>
                <dd className="text-right break-all">{profile[field] ?? "—"}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 flex items-center gap-1.5 text-xs text-fg-muted">
            <LockIcon className="size-3.5" />
            {profile.masked ? t("masked") : t("revealed")}
          </p>
          {profile.masked ? (
            canRevealPii ? (
              <Button
                size="sm"
                className="mt-2"
                data-testid="risk-reveal-pii"
                disabled={reveal.isPending}
                onClick={() => reveal.mutate({ caseId: riskCase.id })}
              >
                {reveal.isPending ? t("revealing") : t("reveal")}
              </Button>
            ) : (
              <p className="mt-1 text-xs text-fg-muted">{t("noPermission")}</p>
            )
          ) : null}
        </>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-xs text-danger">
          {error}
        </p>
      ) : null}
    </Card>
  );
}

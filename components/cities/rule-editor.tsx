"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { checkDraft, type RuleDraft } from "./rule-draft";
import { RuleFields } from "./rule-fields";
import { RulePreviewPanel } from "./rule-preview-panel";
import type { RuleEditorOptions } from "./types";

interface RuleEditorProps {
  initial: RuleDraft;
  /** Absent for a new rule. */
  existing?: { id: string; version: number };
  options: RuleEditorOptions;
  canManage: boolean;
}

/** Create or edit a rule, with its 7-day preview beside the form; saving goes back to the list. */
export function RuleEditor({ initial, existing, options, canManage }: RuleEditorProps) {
  const t = useTranslations("cities.editor");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const check = checkDraft(draft);
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.list.queryKey() });
    router.push("/cities/rules");
    router.refresh();
  };
  const create = useMutation(trpc.alerts.rules.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.alerts.rules.update.mutationOptions({ onSuccess }));
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok) {
      const first = event.currentTarget.querySelector<HTMLElement>("[aria-invalid='true']");
      first?.focus();
      return;
    }
    if (existing) update.mutate({ id: existing.id, version: existing.version, rule: check.input });
    else create.mutate({ rule: check.input });
  }

  return (
    <div className="grid items-start gap-4 xl:grid-cols-[30rem_minmax(0,1fr)]">
      <Card className="p-4">
        <form
          onSubmit={submit}
          noValidate
          aria-label={existing ? t("editTitle") : t("newTitle")}
          className="space-y-5"
        >
          <fieldset disabled={!canManage || saving} className="contents">
            <RuleFields
              draft={draft}
              onChange={setDraft}
              invalid={submitted && !check.ok ? check.fields : new Set()}
              options={options}
            />
          </fieldset>
          {submitted && !check.ok && check.fields.has("rule") ? (
            <p role="alert" className="text-sm text-danger">
              {t("errors.rule")}
            </p>
          ) : null}
          {failure ? (
            <p role="alert" className="text-sm text-danger">
              {t("saveFailed", { message: errorText(failure) })}
            </p>
          ) : null}
          <div className="flex items-center gap-2">
            {canManage ? (
              <Button type="submit" variant="primary" size="sm" disabled={saving} data-testid="rule-save">
                {saving ? <Spinner className="size-3.5" /> : null}
                {saving ? t("saving") : t("save")}
              </Button>
            ) : (
              <p className="text-xs text-fg-muted">{t("readOnly")}</p>
            )}
            <Link href="/cities/rules" className={buttonClasses("ghost", "sm")}>
              {t("cancel")}
            </Link>
          </div>
        </form>
      </Card>
      <RulePreviewPanel draft={draft} check={check} options={options} />
    </div>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Checkbox, Field, Select, TextField } from "@/components/ui/form-controls";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { checkDraft, PRIORITIES, RULE_KEYS, type DraftField, type RuleDraft } from "./rule-draft";
import { MemberFields } from "./rule-member-fields";
import { RulePreview } from "./rule-preview";

interface RuleEditorProps {
  initial: RuleDraft;
  /** Editing saves the rule's next version under the same name; a new rule names itself. */
  editing: boolean;
  onDone: () => void;
}

const NUMBERS = ["windowMinutes", "maxWindowMinutes", "minCount", "minReporters"] as const;

/** Create a correlation rule or save its next version (disabling is a version too), previewing the draft first. */
export function RuleEditor({ initial, editing, onDone }: RuleEditorProps) {
  const t = useTranslations("incidents.editor");
  const keys = useTranslations("incidents.key");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const check = checkDraft(draft);
  const save = useMutation(
    trpc.incidents.rules.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.incidents.rules.list.queryKey() });
        onDone();
      },
    }),
  );
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) =>
    setDraft({ ...draft, [key]: value });
  const error = (field: DraftField) => {
    const reason = submitted && !check.ok ? check.errors.get(field) : undefined;
    return reason ? t(`errors.${reason}`) : undefined;
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok) {
      event.currentTarget
        .querySelector<HTMLElement>("[aria-invalid='true'] input, input[aria-invalid='true']")
        ?.focus();
      return;
    }
    save.mutate(check.input);
  }

  return (
    <Card className="p-4 max-sm:p-3" data-testid="rule-editor">
      <form
        onSubmit={submit}
        noValidate
        aria-label={editing ? t("editTitle") : t("newTitle")}
        className="space-y-4"
      >
        <h3 className="font-semibold">{editing ? t("editTitle") : t("newTitle")}</h3>
        <fieldset disabled={save.isPending} className="min-w-0 space-y-4">
          <TextField
            label={t("fields.name")}
            error={error("name")}
            hint={editing ? t("hints.nameFixed") : undefined}
            value={draft.name}
            readOnly={editing}
            onChange={(event) => set("name", event.target.value)}
            data-testid="rule-name"
          />
          <TextField
            label={t("fields.title")}
            error={error("title")}
            hint={t("hints.title")}
            value={draft.title}
            onChange={(event) => set("title", event.target.value)}
            data-testid="rule-title"
          />
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("fields.key")}>
              {({ id }) => (
                <Select
                  id={id}
                  value={draft.key}
                  onChange={(event) => set("key", event.target.value as RuleDraft["key"])}
                >
                  {RULE_KEYS.map((key) => (
                    <option key={key} value={key}>
                      {keys(key)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t("fields.priority")}>
              {({ id }) => (
                <Select
                  id={id}
                  value={draft.priority}
                  onChange={(event) => set("priority", event.target.value as RuleDraft["priority"])}
                >
                  {PRIORITIES.map((priority) => (
                    <option key={priority} value={priority}>
                      {priority}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {NUMBERS.map((field) => (
              <TextField
                key={field}
                label={t(`fields.${field}`)}
                error={error(field)}
                inputMode="numeric"
                value={draft[field]}
                onChange={(event) => set(field, event.target.value)}
                className="tabular-nums"
                data-testid={`rule-${field}`}
              />
            ))}
          </div>
          <MemberFields
            members={draft.members}
            onChange={(members) => set("members", members)}
            error={error("members")}
          />
          <Checkbox
            label={t("fields.enabled")}
            hint={t("hints.enabled")}
            checked={draft.enabled}
            onChange={(event) => set("enabled", event.target.checked)}
            data-testid="rule-enabled"
          />
        </fieldset>
        {save.error ? (
          <p role="alert" className="text-sm text-danger">
            {t("saveFailed", { message: errorText(save.error) })}
          </p>
        ) : null}
        <div className="flex items-center gap-2">
          <Button type="submit" variant="primary" size="sm" disabled={save.isPending} data-testid="rule-save">
            {save.isPending ? <Spinner className="size-3.5" /> : null}
            {save.isPending ? t("saving") : t("save")}
          </Button>
          <Button variant="ghost" size="sm" onClick={onDone}>
            {t("cancel")}
          </Button>
        </div>
      </form>
      <section className="mt-4 border-t border-border pt-3" aria-label={t("previewHeading")}>
        <p className="mb-2 text-xs text-fg-muted">{t("previewHint")}</p>
        <RulePreview definition={check.ok ? check.input.definition : null} />
      </section>
    </Card>
  );
}

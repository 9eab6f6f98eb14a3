"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { parseRuleSet, type Rule, type Thresholds } from "@/server/risk/rule-set";
import type { RuleSetVersion } from "../types";
import { draftErrorsOf, ruleErrors, type DraftError } from "./draft-errors";
import { RuleRow } from "./rule-row";

type Mode = "form" | "json";

type JsonDraft =
  { ok: true; value: { rules?: unknown; thresholds?: unknown } } | { ok: false; message: string };

function readJson(text: string): JsonDraft {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return { ok: true, value: {} };
    return {
      ok: true,
      value: {
        rules: "rules" in value ? value.rules : undefined,
        thresholds: "thresholds" in value ? value.thresholds : undefined,
      },
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
const THRESHOLD_KEYS = ["medium", "high", "critical"] as const;

/** Edits a draft as a form (rules and thresholds) or as JSON; the server's zod schema names every bad field. */
export function DraftEditor({ draft }: { draft: RuleSetVersion }) {
  const t = useTranslations("risk.rules.editor");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notesId = useId();
  const jsonId = useId();
  const [mode, setMode] = useState<Mode>("form");
  const [rules, setRules] = useState<Rule[]>(draft.rules);
  const [thresholds, setThresholds] = useState<Thresholds>(draft.thresholds);
  const [notes, setNotes] = useState(draft.notes);
  const [json, setJson] = useState("");
  const [errors, setErrors] = useState<DraftError[]>([]);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const save = useMutation(
    trpc.risk.rules.updateDraft.mutationOptions({
      onSuccess: () => {
        setErrors([]);
        setMessage({ tone: "success", text: t("saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.risk.rules.list.queryKey() });
      },
      onError: (error) => {
        const fieldErrors = draftErrorsOf(error);
        setErrors(fieldErrors ?? []);
        setMessage(fieldErrors ? null : { tone: "danger", text: errorText(error) });
      },
    }),
  );

  function switchMode(next: Mode) {
    if (next === "json") {
      setJson(JSON.stringify({ thresholds, rules }, null, 2));
      setMode(next);
      return;
    }
    const parsed = readJson(json);
    if (!parsed.ok)
      return setMessage({ tone: "danger", text: t("jsonInvalid", { message: parsed.message }) });
    // The form can only show a well-formed draft: the same schema the server uses checks it first.
    const checked = parseRuleSet({ version: draft.version, ...parsed.value });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors([]);
    setRules(checked.ruleSet.rules);
    setThresholds(checked.ruleSet.thresholds);
    setMode(next);
  }

  function submit() {
    setMessage(null);
    if (mode === "form") return save.mutate({ id: draft.id, rules, thresholds, notes });
    const parsed = readJson(json);
    if (!parsed.ok)
      return setMessage({ tone: "danger", text: t("jsonInvalid", { message: parsed.message }) });
    save.mutate({ id: draft.id, rules: parsed.value.rules, thresholds: parsed.value.thresholds, notes });
  }

  const thresholdError = (key: string) => errors.find((e) => e.path === `thresholds.${key}`)?.message;

  return (
    <Card className="p-4" data-testid="draft-editor">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">{t("title", { version: draft.version })}</h2>
        <SegmentedControl
          label={t("title", { version: draft.version })}
          options={[
            { value: "form", label: t("form") },
            { value: "json", label: t("json") },
          ]}
          value={mode}
          onChange={switchMode}
        />
      </div>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {errors.length > 0 ? (
          <div
            role="alert"
            className="rounded-md border border-danger/30 bg-danger/10 p-3 text-xs text-danger"
            data-testid="draft-errors"
          >
            <p className="font-medium">{t("errorsTitle")}</p>
            <ul className="mt-1 list-disc pl-4">
              {errors.map((error) => (
                <li key={`${error.path}:${error.message}`}>
                  <span className="font-mono">{error.path}</span>: {error.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {mode === "json" ? (
          <div>
            <label htmlFor={jsonId} className="mb-1 block text-xs font-medium">
              {t("jsonLabel")}
            </label>
            <textarea
              id={jsonId}
              value={json}
              onChange={(e) => setJson(e.target.value)}
              rows={24}
              spellCheck={false}
              className="block w-full rounded-md border border-border bg-surface p-2 font-mono text-xs"
            />
          </div>
        ) : (
          <>
            <fieldset className="flex flex-wrap gap-4">
              <legend className="mb-1 text-xs font-medium">{t("thresholds")}</legend>
              {THRESHOLD_KEYS.map((key) => (
                <label key={key} className="flex flex-col gap-1 text-xs">
                  {t(key)}
                  <input
                    type="number"
                    aria-invalid={thresholdError(key) ? true : undefined}
                    value={Number.isNaN(thresholds[key]) ? "" : thresholds[key]}
                    onChange={(e) =>
                      setThresholds({
                        ...thresholds,
                        [key]: e.target.value.trim() === "" ? Number.NaN : Number(e.target.value),
                      })
                    }
                    className="h-8 w-20 rounded-md border border-border bg-surface px-2 text-sm aria-invalid:border-danger"
                  />
                  {thresholdError(key) ? <span className="text-danger">{thresholdError(key)}</span> : null}
                </label>
              ))}
            </fieldset>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-xs">
                <caption className="mb-1 text-left text-xs font-medium">{t("rules")}</caption>
                <thead className="text-fg-muted">
                  <tr>
                    {(["rule", "condition", "weight", "cap"] as const).map((column) => (
                      <th key={column} scope="col" className="py-1 pr-2 font-medium">
                        {t(column)}
                      </th>
                    ))}
                    <th scope="col" className="py-1">
                      <span className="sr-only">{t("remove")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {rules.map((rule, index) => (
                    <RuleRow
                      key={rule.id}
                      rule={rule}
                      errors={ruleErrors(errors, index)}
                      onChange={(next) => setRules(rules.map((r, i) => (i === index ? next : r)))}
                      onRemove={() => setRules(rules.filter((_, i) => i !== index))}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <div>
          <label htmlFor={notesId} className="mb-1 block text-xs font-medium">
            {t("notes")}
          </label>
          <textarea
            id={notesId}
            rows={2}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            className="block w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm"
          />
        </div>
        <div className="flex items-center gap-3">
          <Button
            type="submit"
            variant="primary"
            size="sm"
            disabled={save.isPending}
            data-testid="draft-save"
          >
            {save.isPending ? t("save") + "…" : t("save")}
          </Button>
          {message ? (
            <p
              role="status"
              className={cn("text-xs", message.tone === "success" ? "text-success" : "text-danger")}
            >
              {message.text}
            </p>
          ) : null}
        </div>
      </form>
    </Card>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useDecide } from "./use-decide";

export type DialogAction =
  | "approve"
  | "reject"
  | "request_changes"
  | "complete"
  | "delegate"
  | "reassign"
  | "recall"
  | "resubmit"
  | "skip_level";

export interface DialogTarget {
  action: DialogAction;
  instanceId: string;
  lockVersion: number;
  stepKey: string;
  stepTitle: string;
  checklist: { key: string; title: string }[];
  checked: string[];
  /** People to delegate or reassign to / from (id → name). */
  people: Record<string, string>;
  owners: string[];
}

const NEEDS_REASON: readonly DialogAction[] = ["reject", "request_changes"];

function decisionOf(
  target: DialogTarget,
  form: { reason: string; to: string; from: string; ticked: string[] },
) {
  const { action, stepKey } = target;
  switch (action) {
    case "approve":
    case "skip_level":
      return { type: action, stepKey, ...(form.reason ? { comment: form.reason } : {}) };
    case "reject":
    case "request_changes":
      return { type: action, stepKey, reason: form.reason };
    case "complete":
      return { type: action, stepKey, checked: form.ticked, ...(form.reason ? { note: form.reason } : {}) };
    case "delegate":
      return { type: action, stepKey, to: form.to };
    case "reassign":
      return { type: action, stepKey, from: form.from, to: form.to };
    case "recall":
      return { type: action, ...(form.reason ? { reason: form.reason } : {}) };
    case "resubmit":
      return { type: action, ...(form.reason ? { comment: form.reason } : {}) };
  }
}

/** One decision: the reason it needs, a checklist to tick, or the person to hand the step to. */
export function DecisionDialog({ target, onClose }: { target: DialogTarget; onClose: () => void }) {
  const t = useTranslations("workflows");
  const { decide, pending, problem } = useDecide(onClose);
  const [reason, setReason] = useState("");
  const [to, setTo] = useState("");
  const [from, setFrom] = useState(target.owners[0] ?? "");
  const [ticked, setTicked] = useState<string[]>(target.checked);
  const [missing, setMissing] = useState<string | null>(null);
  const handsOver = target.action === "delegate" || target.action === "reassign";

  function submit(event: FormEvent) {
    event.preventDefault();
    if (NEEDS_REASON.includes(target.action) && reason.trim() === "")
      return setMissing(t("dialog.reasonRequired"));
    if (handsOver && to.trim() === "") return setMissing(t("dialog.toRequired"));
    setMissing(null);
    decide({
      instanceId: target.instanceId,
      expectedVersion: target.lockVersion,
      decision: decisionOf(target, { reason: reason.trim(), to: to.trim(), from, ticked }),
    });
  }

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="wf-dialog-title"
        data-testid="wf-decision-dialog"
        data-action={target.action}
        className="w-full max-w-md rounded-lg border border-border bg-surface p-5 shadow-lg"
        onKeyDown={(event) => event.key === "Escape" && onClose()}
      >
        <form onSubmit={submit} className="space-y-4">
          <h2 id="wf-dialog-title" className="text-base font-semibold">
            {t("dialog.title", { action: t(`actions.${target.action}`), step: target.stepTitle })}
          </h2>
          {target.action === "complete" && target.checklist.length > 0 && (
            <fieldset className="space-y-1">
              <legend className="text-xs font-medium text-fg-muted">{t("dialog.checklist")}</legend>
              {target.checklist.map((item) => (
                <label key={item.key} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    data-testid="wf-checklist-item"
                    checked={ticked.includes(item.key)}
                    onChange={(e) =>
                      setTicked((list) =>
                        e.target.checked ? [...list, item.key] : list.filter((k) => k !== item.key),
                      )
                    }
                  />
                  {item.title}
                </label>
              ))}
            </fieldset>
          )}
          {target.action === "reassign" && (
            <label className="block space-y-1 text-sm">
              <span className="text-xs font-medium text-fg-muted">{t("dialog.from")}</span>
              <select
                className="h-9 w-full rounded-md border border-border bg-surface px-2"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              >
                {target.owners.map((id) => (
                  <option key={id} value={id}>
                    {target.people[id] ?? id}
                  </option>
                ))}
              </select>
            </label>
          )}
          {handsOver && (
            <label className="block space-y-1 text-sm">
              <span className="text-xs font-medium text-fg-muted">{t("dialog.to")}</span>
              <Input
                data-testid="wf-dialog-to"
                list="wf-dialog-people"
                value={to}
                onChange={(e) => setTo(e.target.value)}
                autoFocus
              />
              <datalist id="wf-dialog-people">
                {Object.entries(target.people).map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </datalist>
            </label>
          )}
          {!handsOver && (
            <label className="block space-y-1 text-sm">
              <span className="text-xs font-medium text-fg-muted">
                {NEEDS_REASON.includes(target.action) ? t("dialog.reason") : t("dialog.comment")}
              </span>
              <textarea
                data-testid="wf-dialog-reason"
                className="min-h-20 w-full rounded-md border border-border bg-surface p-2 text-sm"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
            </label>
          )}
          {(missing ?? problem) && (
            <p role="alert" data-testid="wf-decision-problem" className="text-sm text-danger">
              {missing ?? problem}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              {t("actions.close")}
            </Button>
            <Button
              type="submit"
              variant={target.action === "reject" ? "danger" : "primary"}
              disabled={pending}
              data-testid="wf-decision-confirm"
            >
              {t("actions.confirm")}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}

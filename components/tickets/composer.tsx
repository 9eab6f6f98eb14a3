"use client";

import { useTranslations } from "next-intl";
import { useId, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LockIcon } from "@/components/ui/icons";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { Spinner } from "@/components/ui/spinner";

export interface Draft {
  body: string;
  visibility: "internal" | "public";
}

interface ComposerProps {
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onSend: (draft: Draft) => void;
  sending: boolean;
  disabled: boolean;
  /** The ticket has no first response yet: a public reply will stop that clock. */
  awaitingFirstResponse: boolean;
}

/** Internal note or public reply; Ctrl/⌘ + Enter sends. */
export function Composer({
  draft,
  onDraft,
  onSend,
  sending,
  disabled,
  awaitingFirstResponse,
}: ComposerProps) {
  const t = useTranslations("tickets.composer");
  const hintId = useId();
  const internal = draft.visibility === "internal";
  const empty = draft.body.trim() === "";

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!empty && !sending && !disabled) onSend(draft);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
  }

  return (
    <form
      onSubmit={submit}
      data-testid="composer"
      data-visibility={draft.visibility}
      className={cn(
        "rounded-lg border p-3 shadow-xs transition-colors",
        internal ? "border-warning/50 bg-warning/5" : "border-border bg-surface",
      )}
    >
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <SegmentedControl
          label={t("kind")}
          value={draft.visibility}
          onChange={(visibility) => onDraft({ ...draft, visibility })}
          options={[
            { value: "public", label: t("public"), testId: "composer-public" },
            {
              value: "internal",
              label: (
                <>
                  <LockIcon className="size-3" />
                  {t("internal")}
                </>
              ),
              testId: "composer-internal",
            },
          ]}
        />
        <p
          id={hintId}
          className={cn("text-xs", internal ? "text-warning" : "text-fg-muted")}
          data-testid="composer-hint"
        >
          {internal ? t("internalHint") : awaitingFirstResponse ? t("firstResponseHint") : t("publicHint")}
        </p>
      </div>
      <textarea
        data-testid="composer-body"
        aria-label={internal ? t("internalLabel") : t("publicLabel")}
        aria-describedby={hintId}
        value={draft.body}
        onChange={(event) => onDraft({ ...draft, body: event.target.value })}
        onKeyDown={onKeyDown}
        rows={4}
        maxLength={10_000}
        disabled={disabled}
        placeholder={internal ? t("internalPlaceholder") : t("publicPlaceholder")}
        className="block w-full resize-y rounded-md border border-border bg-surface px-3 py-2 text-sm leading-6 shadow-xs placeholder:text-fg-muted/70 focus-visible:border-accent focus-visible:outline-offset-0"
      />
      <div className="mt-2 flex items-center justify-end gap-3">
        <span className="text-xs text-fg-muted">{t("sendShortcut")}</span>
        <Button
          type="submit"
          size="sm"
          variant={internal ? "secondary" : "primary"}
          disabled={empty || sending || disabled}
          data-testid="composer-send"
        >
          {sending ? <Spinner className="size-3.5" /> : null}
          {internal ? t("sendInternal") : t("sendPublic")}
        </Button>
      </div>
    </form>
  );
}

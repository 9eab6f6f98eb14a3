"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { IncidentDetail } from "@/server/incidents/contract";

/** Notes and status updates; a public one also goes to every linked ticket as a public reply. */
export function IncidentUpdates({ detail, onPosted }: { detail: IncidentDetail; onPosted: () => void }) {
  const t = useTranslations("incidents");
  const format = useFormatter();
  const trpc = useTRPC();
  const errorText = useMutationErrorText();
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<"internal" | "public">("internal");
  const post = useMutation(
    trpc.incidents.postUpdate.mutationOptions({
      onSuccess: () => {
        setBody("");
        onPosted();
      },
    }),
  );
  return (
    <Card className="p-4 max-sm:p-3">
      <h3 className="font-semibold">{t("room.updates")}</h3>
      <form
        className="mt-2 space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          post.mutate({ incidentId: detail.incident.id, visibility, body });
        }}
      >
        <textarea
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-label={t("room.updateBody")}
          data-testid="incident-update-body"
          className="w-full rounded border border-border bg-bg p-2 text-sm"
          rows={3}
        />
        <div className="flex items-center gap-3">
          <select
            value={visibility}
            onChange={(event) => setVisibility(event.target.value as "internal" | "public")}
            aria-label={t("room.visibility")}
            data-testid="incident-update-visibility"
            className="rounded border border-border bg-bg px-2 py-1 text-sm"
          >
            <option value="internal">{t("room.internal")}</option>
            <option value="public">{t("room.public")}</option>
          </select>
          <Button
            type="submit"
            disabled={post.isPending || body.trim().length === 0}
            data-testid="incident-update-post"
          >
            {t("room.post")}
          </Button>
        </div>
        {visibility === "public" ? <p className="text-xs text-fg-muted">{t("room.publicHint")}</p> : null}
        {post.error ? (
          <p role="alert" className="text-sm text-danger">
            {errorText(post.error)}
          </p>
        ) : null}
      </form>
      <ul className="mt-3 space-y-2">
        {detail.updates.map((update) => (
          <li
            key={update.id}
            className="text-sm"
            data-testid="incident-update"
            data-visibility={update.visibility}
          >
            <span className="text-xs text-fg-muted">
              {format.dateTime(update.createdAt, { dateStyle: "short", timeStyle: "short" })} ·{" "}
              {t(`room.${update.visibility}`)}
            </span>
            <p className="whitespace-pre-wrap">{update.body}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The incident's and its first members' events, newest first. */
export function IncidentTimeline({ detail }: { detail: IncidentDetail }) {
  const t = useTranslations("incidents");
  const format = useFormatter();
  return (
    <Card className="p-4 max-sm:p-3">
      <h3 className="font-semibold">{t("room.timeline")}</h3>
      <ol className="mt-2 space-y-1 text-sm">
        {detail.timeline.map((entry, index) => (
          <li key={`${entry.aggregateId}-${entry.type}-${index}`} className="flex min-w-0 flex-wrap gap-x-2">
            <time className="shrink-0 text-xs text-fg-muted" dateTime={entry.at.toISOString()}>
              {format.dateTime(entry.at, { dateStyle: "short", timeStyle: "medium" })}
            </time>
            <span className="font-mono text-xs">{entry.type}</span>
            <span className="truncate text-fg-muted">{entry.summary}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

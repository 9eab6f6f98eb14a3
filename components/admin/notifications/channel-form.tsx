"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Checkbox, Field, Select } from "@/components/ui/form-controls";
import { ErrorNotice } from "../error-notice";
import type { ChannelDto } from "./notifications-admin";

const KINDS = ["slack", "pagerduty", "email", "webhook", "in_app"] as const;
type Kind = (typeof KINDS)[number];

/** The settings each kind starts from, as editable JSON (the server validates them per kind). */
const CONFIG_TEMPLATES: Record<Kind, object> = {
  slack: { mode: "webhook" },
  pagerduty: { eventsUrl: "https://events.pagerduty.com/v2/enqueue", source: "ops-console" },
  email: { host: "smtp.example.com", port: 587, secure: false, from: "Ops console <pages@example.com>" },
  webhook: { url: "https://example.com/hooks/ops", objectTypes: [] },
  in_app: {},
};

/** Secrets are JSON for PagerDuty ({"routingKey": …, "webhookSecret": …}), plain text otherwise. */
function secretValue(kind: Kind, text: string): unknown {
  if (text.trim() === "") return undefined;
  return kind === "pagerduty" ? JSON.parse(text) : text.trim();
}

export function ChannelForm({
  channel,
  onSaved,
  onCancel,
}: {
  channel: ChannelDto | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("notificationsAdmin");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind>(channel?.kind ?? "slack");
  const [name, setName] = useState(channel?.name ?? "");
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [rate, setRate] = useState(String(channel?.ratePerMinute ?? 60));
  const [config, setConfig] = useState(JSON.stringify(channel?.config ?? CONFIG_TEMPLATES.slack, null, 2));
  const [secret, setSecret] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation(trpc.notifications.saveChannel.mutationOptions({ onSuccess: onSaved }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    try {
      save.mutate({
        ...(channel ? { id: channel.id } : {}),
        kind,
        name,
        enabled,
        ratePerMinute: Number(rate),
        config: JSON.parse(config) as Record<string, unknown>,
        secret: secretValue(kind, secret),
      });
    } catch {
      setFormError(t("invalidJson"));
    }
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-md border border-border p-4"
      data-testid="notify-channel-form"
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="notify-kind" label={t("columns.kind")}>
          {({ id }) => (
            <Select
              id={id}
              value={kind}
              disabled={channel !== null}
              onChange={(e) => {
                const next = e.target.value as Kind;
                setKind(next);
                setConfig(JSON.stringify(CONFIG_TEMPLATES[next], null, 2));
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="notify-name" label={t("columns.name")}>
          {({ id }) => (
            <Input id={id} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
          )}
        </Field>
        <Field id="notify-rate" label={t("columns.rate")}>
          {({ id }) => (
            <Input id={id} type="number" min={1} value={rate} onChange={(e) => setRate(e.target.value)} />
          )}
        </Field>
      </div>
      <Field id="notify-config" label={t("config")}>
        {({ id }) => (
          <textarea
            id={id}
            className="block min-h-28 w-full rounded-md border border-border bg-surface p-2 font-mono text-xs"
            value={config}
            onChange={(e) => setConfig(e.target.value)}
          />
        )}
      </Field>
      {kind !== "in_app" ? (
        <Field id="notify-secret" label={t("secret")} hint={t("secretWriteOnly")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              type="password"
              autoComplete="off"
              aria-describedby={describedBy}
              value={secret}
              placeholder={channel?.hasSecret ? t("secretKept") : t(`secretHint.${kind}`)}
              onChange={(e) => setSecret(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Checkbox label={t("enabled")} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
      {formError ? <ErrorNotice message={formError} /> : null}
      {save.isError ? <ErrorNotice message={errorText(save.error)} /> : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          size="sm"
          variant="primary"
          disabled={save.isPending}
          data-testid="notify-save-channel"
        >
          {t("save")}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

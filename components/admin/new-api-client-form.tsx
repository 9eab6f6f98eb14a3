"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import {
  CLIENT_NAME_MAX,
  CLIENT_NAME_MIN,
  createApiClientInput,
  type CreatedApiClient,
} from "@/server/integration/api-client-contract";
import type { SourceKey } from "@/server/hub/catalogue";
import { API_SCOPES, type ApiScope } from "@/server/integration/scopes";
import { ApiClientSourcesField } from "./api-client-sources-field";
import { ErrorNotice } from "./error-notice";

interface NewApiClientFormProps {
  onCreated: (created: CreatedApiClient) => void;
  onCancel: () => void;
}

type Problem = "nameTooShort" | "nameTooLong" | "scopesRequired";

/** The server's own rules, checked before sending so each field gets a message in the reader's language. */
function problemsOf(name: string, scopes: readonly ApiScope[]): { name?: Problem; scopes?: Problem } {
  const result = createApiClientInput.safeParse({ name, scopes });
  if (result.success) return {};
  const problems: { name?: Problem; scopes?: Problem } = {};
  for (const issue of result.error.issues) {
    if (issue.path[0] === "name") problems.name ??= issue.code === "too_big" ? "nameTooLong" : "nameTooShort";
    if (issue.path[0] === "scopes") problems.scopes ??= "scopesRequired";
  }
  return problems;
}

export function NewApiClientForm({ onCreated, onCancel }: NewApiClientFormProps) {
  const t = useTranslations("admin.apiClients.form");
  const tScopes = useTranslations("admin.apiClients.scopeDescriptions");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [eventSources, setEventSources] = useState<SourceKey[]>([]);
  const sendsEvents = scopes.includes("events:write");
  const [submitted, setSubmitted] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const scopesRef = useRef<HTMLFieldSetElement>(null);
  const ids = { title: useId(), name: useId(), nameHelp: useId(), scopesHelp: useId() };
  const create = useMutation(
    trpc.apiClients.create.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries({ queryKey: trpc.apiClients.list.queryKey() });
        onCreated(created);
      },
    }),
  );
  const problems = submitted ? problemsOf(name, scopes) : {};
  const limits = { min: CLIENT_NAME_MIN, max: CLIENT_NAME_MAX };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    const found = problemsOf(name, scopes);
    if (found.name) nameRef.current?.focus();
    else if (found.scopes) scopesRef.current?.querySelector("input")?.focus();
    else create.mutate({ name, scopes, eventSources: sendsEvents ? eventSources : [] });
  }

  function toggle(scope: ApiScope, checked: boolean) {
    setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape" && !create.isPending) onCancel();
  }

  return (
    <Card className="p-4">
      <form
        aria-labelledby={ids.title}
        onSubmit={submit}
        onKeyDown={cancelOnEscape}
        noValidate
        className="space-y-4"
      >
        <h2 id={ids.title} className="text-sm font-semibold">
          {t("title")}
        </h2>

        <div className="max-w-md">
          <Label htmlFor={ids.name}>{t("name")}</Label>
          <Input
            ref={nameRef}
            id={ids.name}
            data-testid="api-client-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoFocus
            autoComplete="off"
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={ids.nameHelp}
          />
          <p
            id={ids.nameHelp}
            className={problems.name ? "mt-1 text-xs text-danger" : "mt-1 text-xs text-fg-muted"}
          >
            {problems.name ? t(problems.name, limits) : t("nameHint", limits)}
          </p>
        </div>

        <fieldset ref={scopesRef} aria-describedby={ids.scopesHelp}>
          <legend className="mb-1.5 text-sm font-medium">{t("scopes")}</legend>
          <ul className="grid gap-x-6 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-4">
            {API_SCOPES.map((scope) => (
              <li key={scope}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    data-testid={`api-client-scope-${scope}`}
                    checked={scopes.includes(scope)}
                    onChange={(event) => toggle(scope, event.target.checked)}
                    aria-invalid={problems.scopes ? true : undefined}
                    className="mt-0.5 size-4 accent-accent"
                  />
                  <span>
                    <span className="block font-mono text-xs">{scope}</span>
                    <span className="block text-xs text-fg-muted">{tScopes(scope)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <p
            id={ids.scopesHelp}
            className={problems.scopes ? "mt-1.5 text-xs text-danger" : "mt-1.5 text-xs text-fg-muted"}
          >
            {problems.scopes ? t(problems.scopes) : t("scopesHint")}
          </p>
        </fieldset>

        {sendsEvents ? <ApiClientSourcesField sources={eventSources} onChange={setEventSources} /> : null}

        {create.isError ? <ErrorNotice message={t("failed", { message: errorText(create.error) })} /> : null}

        <div className="flex items-center gap-2">
          <Button
            type="submit"
            variant="primary"
            size="sm"
            disabled={create.isPending}
            data-testid="api-client-create"
          >
            {create.isPending ? <Spinner className="size-3.5" /> : null}
            {create.isPending ? t("creating") : t("create")}
          </Button>
          <Button size="sm" variant="ghost" onClick={onCancel} disabled={create.isPending}>
            {t("cancel")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

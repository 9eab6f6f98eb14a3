"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import type { BacktestResult, RuleSetVersion } from "../types";
import { BacktestReport } from "./backtest-report";
import { DraftActions } from "./draft-actions";
import { DraftEditor } from "./draft-editor";
import { RuleSetCompare } from "./rule-set-compare";
import { RuleSetVersions } from "./rule-set-versions";

/** Versions, a side-by-side comparison, and the draft being worked on (edit, backtest, publish). */
export function RuleSetWorkspace({ initialVersions }: { initialVersions: RuleSetVersion[] }) {
  const t = useTranslations("risk.rules");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(
    trpc.risk.rules.list.queryOptions(undefined, { initialData: initialVersions }),
  ).data;
  const published = versions.find((v) => v.status === "published");
  const [draftId, setDraftId] = useState<string | null>(
    () => initialVersions.find((v) => v.status === "draft")?.id ?? null,
  );
  const draft = versions.find((v) => v.id === draftId && v.status === "draft");
  const [compare, setCompare] = useState<{ left?: string; right?: string }>({});
  const [backtest, setBacktest] = useState<BacktestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = useMutation(
    trpc.risk.rules.createDraft.mutationOptions({
      onSuccess: (created) => {
        setNotice(null);
        setDraftId(created.id);
        setBacktest(null);
        void queryClient.invalidateQueries({ queryKey: trpc.risk.rules.list.queryKey() });
      },
      onError: (e) => setError(errorText(e)),
    }),
  );
  const leftId = compare.left ?? published?.id ?? versions[0]?.id ?? "";
  const rightId = compare.right ?? draft?.id ?? versions[0]?.id ?? "";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">{t("versions")}</h2>
        <Button
          size="sm"
          variant="primary"
          disabled={create.isPending}
          onClick={() => create.mutate({})}
          data-testid="rule-set-new-draft"
        >
          {create.isPending ? t("creating") : t("newDraft")}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      <p role="status" className="text-sm text-success empty:hidden">
        {notice}
      </p>
      <RuleSetVersions
        versions={versions}
        selectedId={draft?.id ?? null}
        onSelect={(id) => {
          setDraftId(id);
          setBacktest(null);
        }}
      />
      {versions.length > 0 ? (
        <RuleSetCompare
          versions={versions}
          leftId={leftId}
          rightId={rightId}
          onSelect={(side, id) => setCompare({ ...compare, [side]: id })}
        />
      ) : null}
      {draft ? (
        <>
          <DraftEditor key={draft.id} draft={draft} />
          <DraftActions
            draft={draft}
            published={published}
            onBacktest={setBacktest}
            onPublished={(version) => {
              setBacktest(null);
              setNotice(t("publish.done", { version }));
            }}
          />
          {backtest ? <BacktestReport result={backtest} /> : null}
        </>
      ) : (
        <p className="text-sm text-fg-muted">{t("editor.publishedReadOnly")}</p>
      )}
    </div>
  );
}

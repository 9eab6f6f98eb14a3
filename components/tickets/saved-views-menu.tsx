"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Popover } from "@/components/ui/popover";
import { filtersOf, sameFilters, savedQueryOf, type QueueFilters } from "./queue-filters";
import type { SavedView } from "./types";

interface SavedViewsMenuProps {
  filters: QueueFilters;
  initialViews: SavedView[];
  onApply: (filters: QueueFilters) => void;
}

/** The user's named filters: apply one, delete one, or save the current filters under a name. */
export function SavedViewsMenu({ filters, initialViews, onApply }: SavedViewsMenuProps) {
  const t = useTranslations("tickets.views");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const views = useQuery(
    trpc.tickets.savedViews.list.queryOptions(undefined, { initialData: initialViews }),
  ).data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tickets.savedViews.list.queryKey() });
  const save = useMutation(trpc.tickets.savedViews.save.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.tickets.savedViews.delete.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Several views may hold the same filters: the one just saved or applied names the current view.
  const matching = views.filter((view) => sameFilters(filtersOf(view.query), filters));
  const current = matching.find((view) => view.id === chosenId) ?? matching[0];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === "") return;
    save.mutate(
      { name: name.trim(), query: savedQueryOf(filters) },
      {
        onSuccess: (saved) => {
          setName("");
          setChosenId(saved.id);
        },
      },
    );
  }

  return (
    <Popover
      label={current ? t("current", { name: current.name }) : t("label")}
      panelLabel={t("label")}
      testId="saved-views"
      active={current !== undefined}
      panelClassName="w-72 p-1"
    >
      {(close) => (
        <div className="space-y-1">
          {views.length === 0 ? <p className="px-2 py-2 text-xs text-fg-muted">{t("empty")}</p> : null}
          <ul aria-label={t("label")}>
            {views.map((view) => (
              <li key={view.id} data-testid="saved-view" className="group flex items-center gap-1">
                <button
                  type="button"
                  data-testid="saved-view-apply"
                  aria-current={view.id === current?.id ? "true" : undefined}
                  onClick={() => {
                    setChosenId(view.id);
                    onApply(filtersOf(view.query));
                    close();
                  }}
                  className={cn(
                    "flex h-8 min-w-0 flex-1 items-center rounded-md px-2 text-left text-sm hover:bg-surface-muted",
                    view.id === current?.id && "font-medium text-accent",
                  )}
                >
                  <span className="truncate">{view.name}</span>
                </button>
                <Button
                  size="sm"
                  variant="ghost"
                  data-testid="saved-view-delete"
                  aria-label={t("delete", { name: view.name })}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ id: view.id })}
                  className="text-fg-muted hover:text-danger"
                >
                  ×
                </Button>
              </li>
            ))}
          </ul>
          <form onSubmit={submit} className="flex gap-1.5 border-t border-border px-1 pt-2 pb-1">
            <Input
              data-testid="saved-view-name"
              aria-label={t("name")}
              placeholder={t("namePlaceholder")}
              value={name}
              maxLength={80}
              onChange={(event) => setName(event.target.value)}
              className="h-7 text-xs"
            />
            <Button
              type="submit"
              size="sm"
              variant="primary"
              data-testid="saved-view-save"
              disabled={save.isPending}
            >
              {t("save")}
            </Button>
          </form>
          {save.isError || remove.isError ? (
            <p role="alert" className="px-2 text-xs text-danger">
              {t("failed")}
            </p>
          ) : null}
        </div>
      )}
    </Popover>
  );
}

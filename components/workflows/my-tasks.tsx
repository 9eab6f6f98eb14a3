"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { isTypingContext } from "@/components/tickets/keyboard";
import { useTRPC } from "@/components/providers/trpc";
import { useNow } from "@/components/lib/use-now";
import { useRelativeTime } from "@/components/lib/use-relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { InboxItem } from "@/server/workflows/read-contract";
import { DecisionDialog, type DialogAction, type DialogTarget } from "./decision-dialog";
import { inboxKeyAction, moveSelection } from "./inbox-keys";
import { useLiveRefetch } from "@/components/lib/use-live-refetch";

const BOUND_HREF: Record<string, (id: string) => string> = {
  ticket: (id) => `/tickets/${id}`,
  risk_case: (id) => `/risk/${id}`,
};

const ITEM_ACTIONS: Record<string, DialogAction[]> = {
  approval: ["approve", "reject", "request_changes", "delegate"],
  task: ["complete", "delegate"],
};

/** My tasks: one inbox, soonest due first, refreshed live; j/k, Enter, a, r, e, c, d act on the selected item. */
export function MyTasks() {
  const t = useTranslations("workflows");
  const ja = useLocale() === "ja";
  const trpc = useTRPC();
  const router = useRouter();
  const status = useLiveRefetch("workflow", (trpc) => trpc.workflows.pathKey());
  const now = useNow(30_000);
  const relative = useRelativeTime();
  const query = useQuery(trpc.workflows.myTasks.queryOptions({ limit: 200 }));
  const items = query.data?.items ?? [];
  const people = query.data?.people ?? {};
  const [selected, setSelected] = useState(-1);
  const [target, setTarget] = useState<DialogTarget | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const targetFor = (item: InboxItem, action: DialogAction): DialogTarget => ({
    action,
    instanceId: item.instanceId,
    lockVersion: item.lockVersion,
    stepKey: item.stepKey,
    stepTitle: ja ? item.titleJa : item.title,
    checklist: item.checklist.map((i) => ({ key: i.key, title: ja ? i.titleJa : i.title })),
    checked: item.checked,
    people,
    owners: [],
  });

  const latest = useRef({ items, selected, target });
  useEffect(() => {
    latest.current = { items, selected, target };
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (isTypingContext(event) || latest.current.target) return;
      const { items: list, selected: index } = latest.current;
      const item = list[index] ?? null;
      const action = inboxKeyAction(event.key, item?.stepKind ?? null);
      if (!action || action === "help") return;
      event.preventDefault();
      if (action === "next" || action === "previous") {
        setSelected(moveSelection(index, action === "next" ? 1 : -1, list.length));
        return;
      }
      if (!item) return;
      if (action === "open") router.push(`/workflows/${item.instanceId}`);
      else setTarget(targetFor(item, action));
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reads the latest state through the ref
  }, [router]);

  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${selected}"]`)
      ?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  return (
    <section aria-labelledby="my-tasks-heading" className="space-y-3" data-testid="my-tasks">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="my-tasks-heading" className="text-lg font-semibold">
          {t("myTasks.title")}
        </h2>
        <span
          data-testid="my-tasks-live"
          data-state={status === "pending" ? "live" : status}
          className="text-xs text-fg-muted"
        >
          {status === "pending" ? t("myTasks.live") : t("myTasks.connecting")}
        </span>
        <span className="ml-auto text-xs text-fg-muted max-sm:hidden">{t("myTasks.shortcuts")}</span>
      </div>
      <p className="text-sm text-fg-muted">{t("myTasks.subtitle")}</p>
      {query.data && items.length === 0 && (
        <Card className="p-6 text-sm text-fg-muted" data-testid="my-tasks-empty">
          {t("myTasks.empty")}
        </Card>
      )}
      <ul ref={listRef} className="space-y-2">
        {items.map((item, index) => {
          const overdue = item.dueAt !== null && now !== null && new Date(item.dueAt).getTime() < now;
          const boundHref = BOUND_HREF[item.boundType]?.(item.boundId);
          return (
            <li
              key={`${item.instanceId}:${item.stepKey}`}
              data-index={index}
              data-testid="wf-task"
              data-step={item.stepKey}
              data-template={item.templateKey}
              data-instance={item.instanceId}
              aria-current={index === selected ? "true" : undefined}
              onClick={() => setSelected(index)}
              className={cn(
                "rounded-md border border-border bg-surface p-3",
                index === selected && "ring-2 ring-accent",
              )}
            >
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/workflows/${item.instanceId}`} className="font-medium hover:underline">
                  {ja ? item.titleJa : item.title}
                </Link>
                <Badge>{t(`kind.${item.stepKind}`)}</Badge>
                <Badge tone={item.relation === "assigned" ? "accent" : "neutral"}>
                  {t(`myTasks.relation.${item.relation}`, {
                    names: item.delegatedBy.map((id) => people[id] ?? id.slice(0, 8)).join(", "),
                  })}
                </Badge>
                <span className={cn("ml-auto text-xs", overdue ? "text-danger" : "text-fg-muted")}>
                  {item.dueAt
                    ? `${overdue ? `${t("myTasks.overdue")} · ` : ""}${t("myTasks.due", { time: relative(new Date(item.dueAt)) })}`
                    : t("myTasks.noDue")}
                </span>
              </div>
              <p className="mt-1 text-xs text-fg-muted">
                {ja ? item.templateNameJa : item.templateName} ·{" "}
                {boundHref ? (
                  <Link href={boundHref} className="hover:underline">
                    {t(`bound.${item.boundType as "ticket"}`)} {item.boundId.slice(0, 8)}
                  </Link>
                ) : (
                  t(`bound.${item.boundType as "none"}`)
                )}
                {" · "}
                {t("detail.initiator", { name: people[item.initiatorId] ?? item.initiatorId.slice(0, 8) })}
              </p>
              {item.iAmInitiator && item.stepKind === "approval" && (
                <p className="mt-1 text-xs text-warning">{t("myTasks.ownRequest")}</p>
              )}
              <div className="mt-2 flex flex-wrap gap-2">
                {(ITEM_ACTIONS[item.stepKind] ?? []).map((action) => (
                  <Button
                    key={action}
                    size="sm"
                    variant={action === "approve" || action === "complete" ? "primary" : "secondary"}
                    data-testid={`wf-task-${action}`}
                    onClick={() => setTarget(targetFor(item, action))}
                  >
                    {t(`actions.${action}`)}
                  </Button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      {target && <DecisionDialog target={target} onClose={() => setTarget(null)} />}
    </section>
  );
}

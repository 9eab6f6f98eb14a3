"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Popover } from "@/components/ui/popover";
import { BellIcon } from "@/components/ui/icons";
import { useDeliveryNudges } from "./use-delivery-nudges";

// The object kinds the bell has a name for; another kind shows as stored.
const NAMED_OBJECTS = ["ticket", "risk_case", "alert", "incident", "workflow", "event_source"] as const;
const isNamedObject = (kind: string): kind is (typeof NAMED_OBJECTS)[number] =>
  (NAMED_OBJECTS as readonly string[]).includes(kind);

const SHOWN = 20;
// The live nudge keeps the count fresh; this only covers a stream that is down.
const REFETCH_MS = 120_000;

const SEVERITY_DOT: Record<string, string> = {
  critical: "bg-danger",
  high: "bg-warning",
  warning: "bg-warning",
  info: "bg-accent",
};

/** The top bar's bell: my unread count, my latest notifications with a link to each object, read marks. */
export function NotificationBell() {
  const t = useTranslations("bell");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inbox = useQuery(
    trpc.notifications.inbox.queryOptions({ limit: SHOWN }, { refetchInterval: REFETCH_MS }),
  );
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.notifications.inbox.pathKey() }),
    [queryClient, trpc],
  );
  useDeliveryNudges(refresh);
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: refresh }));

  const unread = inbox.data?.unread ?? 0;
  const items = inbox.data?.items ?? [];

  return (
    <Popover
      label={
        <span className="relative inline-flex">
          <BellIcon className="size-5" />
          {unread > 0 ? (
            <span
              data-testid="bell-count"
              className="absolute -top-1.5 -right-2 min-w-4 rounded-full bg-danger px-1 text-center text-[10px] leading-4 font-semibold text-white tabular-nums"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </span>
      }
      ariaLabel={t("open", { count: unread })}
      panelLabel={t("panelLabel")}
      testId="notification-bell"
      align="end"
      triggerClassName="flex h-8 items-center gap-1 rounded-md px-2 text-fg-muted transition-colors hover:bg-surface-muted hover:text-fg aria-expanded:bg-surface-muted"
      // At 390 px the panel spans nearly the whole width; on wider screens a fixed column.
      panelClassName="w-[min(24rem,calc(100vw-1.5rem))] max-sm:fixed max-sm:inset-x-3 max-sm:top-12 max-sm:w-auto"
    >
      {(close) => (
        <div className="flex max-h-[min(32rem,calc(100dvh-5rem))] flex-col">
          <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-2">
            <h2 className="text-sm font-semibold">{t("title")}</h2>
            <button
              type="button"
              className={buttonClasses("ghost", "sm")}
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              {t("markAllRead")}
            </button>
          </div>
          {inbox.isError ? (
            <p role="alert" className="p-3 text-sm text-danger">
              {t("loadFailed")}
            </p>
          ) : items.length === 0 ? (
            <p className="p-3 text-sm text-fg-muted">{inbox.isPending ? "…" : t("empty")}</p>
          ) : (
            <ul className="min-h-0 overflow-y-auto" data-testid="bell-list">
              {items.map((item) => (
                <li
                  key={item.id}
                  className={cn(
                    "flex items-start gap-2 border-b border-border px-3 py-2 last:border-b-0",
                    item.readAt === null && "bg-accent/5",
                  )}
                  data-unread={item.readAt === null}
                >
                  <span
                    aria-hidden="true"
                    className={cn(
                      "mt-1.5 size-2 shrink-0 rounded-full",
                      SEVERITY_DOT[item.severity] ?? "bg-fg-muted",
                    )}
                  />
                  <Link
                    href={item.path}
                    className="min-w-0 flex-1 text-sm hover:underline"
                    onClick={() => {
                      if (item.readAt === null) markRead.mutate({ ids: [item.id] });
                      close();
                    }}
                  >
                    <span className={cn("block break-words", item.readAt === null && "font-medium")}>
                      {item.readAt === null ? <span className="sr-only">{t("unread")}: </span> : null}
                      {item.title}
                    </span>
                    <span className="block text-xs text-fg-muted">
                      {isNamedObject(item.objectType) ? t(`objects.${item.objectType}`) : item.objectType}
                      {" · "}
                      {format.dateTime(item.createdAt, "short")}
                    </span>
                  </Link>
                  {item.readAt === null ? (
                    <button
                      type="button"
                      className={cn(buttonClasses("ghost", "sm"), "shrink-0 text-xs")}
                      disabled={markRead.isPending}
                      onClick={() => markRead.mutate({ ids: [item.id] })}
                    >
                      {t("markRead")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Popover>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { ActionCard } from "./action-card";
import type { CaseAction } from "./types";

const COLUMNS = [
  { key: "todo", statuses: ["todo"] },
  { key: "in_progress", statuses: ["in_progress"] },
  { key: "done", statuses: ["completed", "cancelled"] },
] as const;

/** The mitigation plan as a small board: to do, in progress, done. */
export function MitigationBoard({
  actions,
  canWrite,
}: {
  actions: readonly CaseAction[];
  canWrite: boolean;
}) {
  const t = useTranslations("risk.board");
  return (
    <Card className="p-4" data-testid="risk-board">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      <p className="text-xs text-fg-muted">{canWrite ? t("description") : t("readOnly")}</p>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        {COLUMNS.map((column) => {
          const items = actions.filter((a) => (column.statuses as readonly string[]).includes(a.status));
          const headingId = `risk-board-${column.key}`;
          return (
            <section
              key={column.key}
              aria-labelledby={headingId}
              className="rounded-md bg-surface-muted p-2"
              data-testid={`risk-board-${column.key}`}
            >
              <h3
                id={headingId}
                className="mb-2 flex items-center justify-between text-xs font-medium text-fg-muted"
              >
                {t(`columns.${column.key}`)}
                <span className="tabular-nums">{items.length}</span>
              </h3>
              {items.length === 0 ? (
                <p className="px-1 py-3 text-center text-xs text-fg-muted">{t("empty")}</p>
              ) : (
                <ul className="space-y-2">
                  {items.map((action) => (
                    <ActionCard key={action.id} action={action} canWrite={canWrite} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </Card>
  );
}

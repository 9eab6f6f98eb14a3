"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useNow } from "@/components/lib/use-now";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import { CaseStatusBadge, LevelBadge, ScoreMeter } from "./badges";
import type { CaseListItem } from "./types";

const COLUMNS = [
  "level",
  "score",
  "case",
  "subject",
  "status",
  "signals",
  "owner",
  "opened",
  "ackDue",
] as const;

interface CaseTableProps {
  cases: readonly CaseListItem[];
  loading: boolean;
  stale: boolean;
  /** Cases a live event just touched, highlighted briefly. */
  updated: ReadonlySet<string>;
  emptyText: string;
}

export function CaseTable({ cases, loading, stale, updated, emptyText }: CaseTableProps) {
  const t = useTranslations("risk.list");
  const tTypes = useTranslations("risk.types");
  const tSubjects = useTranslations("risk.subjectTypes");
  const tCommon = useTranslations("risk.common");
  const format = useFormatter();
  const now = useNow(60_000);

  return (
    <DataTable
      testId="risk-table"
      caption={t("caption")}
      busy={loading || stale}
      stale={stale}
      columns={COLUMNS.map((column) => (
        <th key={column} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
          {t(`columns.${column}`)}
        </th>
      ))}
    >
      {cases.map((c) => {
        const overdue =
          c.status !== "closed" &&
          !c.acknowledgedAt &&
          c.ackDueAt !== null &&
          now !== null &&
          c.ackDueAt.getTime() <= now;
        return (
          <tr
            key={c.id}
            data-testid="risk-row"
            data-level={c.level}
            className={cn("hover:bg-surface-muted/50", updated.has(c.id) && "bg-accent/5")}
          >
            <td className="px-3 py-2">
              <LevelBadge level={c.level} />
            </td>
            <td className="px-3 py-2">
              <ScoreMeter score={c.score} level={c.level} />
            </td>
            <td className="px-3 py-2 whitespace-nowrap">
              <Link
                href={`/risk/${c.id}`}
                className="font-medium text-fg hover:underline"
                data-testid="risk-case-link"
              >
                #{c.number} {tTypes(c.type)}
              </Link>
              {updated.has(c.id) ? (
                <Badge tone="accent" className="ml-2">
                  {t("updated")}
                </Badge>
              ) : null}
            </td>
            <td className="px-3 py-2 whitespace-nowrap">
              <span className="text-xs text-fg-muted">{tSubjects(c.subject.type)}</span>{" "}
              <span className="font-mono text-xs">{c.subject.id}</span>
            </td>
            <td className="px-3 py-2">
              <CaseStatusBadge status={c.status} />
            </td>
            <td className="px-3 py-2 tabular-nums">{c.signalCount}</td>
            <td className="px-3 py-2 whitespace-nowrap">
              {c.owner?.name ?? <span className="text-fg-muted">{tCommon("unassigned")}</span>}
            </td>
            <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
              <time dateTime={c.openedAt.toISOString()}>{format.dateTime(c.openedAt, "short")}</time>
            </td>
            <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
              {c.ackDueAt && !c.acknowledgedAt && c.status !== "closed" ? (
                c.escalatedAt || overdue ? (
                  <Badge tone={c.escalatedAt ? "danger" : "warning"} title={c.ackDueAt.toISOString()}>
                    {c.escalatedAt ? t("escalated") : t("overdue")}
                  </Badge>
                ) : (
                  <time dateTime={c.ackDueAt.toISOString()}>{format.dateTime(c.ackDueAt, "short")}</time>
                )
              ) : (
                <span className="text-fg-muted">{tCommon("none")}</span>
              )}
            </td>
          </tr>
        );
      })}
      {cases.length === 0 ? (
        <EmptyTableRow colSpan={COLUMNS.length} loading={loading}>
          {emptyText}
        </EmptyTableRow>
      ) : null}
    </DataTable>
  );
}

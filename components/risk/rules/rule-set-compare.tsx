"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Rule } from "@/server/risk/rule-set";
import type { RuleSetVersion } from "../types";
import { conditionText, ruleFingerprint } from "./rule-text";

interface CompareProps {
  versions: readonly RuleSetVersion[];
  leftId: string;
  rightId: string;
  onSelect: (side: "left" | "right", id: string) => void;
}

/** Two versions side by side, rule by rule, with the rules that score differently highlighted. */
export function RuleSetCompare({ versions, leftId, rightId, onSelect }: CompareProps) {
  const t = useTranslations("risk.rules");
  const tEditor = useTranslations("risk.rules.editor");
  const locale = useLocale();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const toggleId = useId();
  const left = versions.find((v) => v.id === leftId);
  const right = versions.find((v) => v.id === rightId);
  if (!left || !right) return null;

  const describe = (rule: Rule | undefined) =>
    rule
      ? `${conditionText(rule, (count, hours) => tEditor("historyCondition", { count, hours }))} · ${tEditor("weight")} ${rule.weight} · ${tEditor("cap")} ${rule.cap}`
      : t("compare.missing");
  const ids = [...new Set([...left.rules.map((r) => r.id), ...right.rules.map((r) => r.id)])];
  const rows = ids.map((id) => {
    const a = left.rules.find((r) => r.id === id);
    const b = right.rules.find((r) => r.id === id);
    const labelled = b ?? a;
    const label = labelled ? (locale === "ja" ? (labelled.labelJa ?? labelled.label) : labelled.label) : id;
    return { id, label, a, b, changed: !a || !b || ruleFingerprint(a) !== ruleFingerprint(b) };
  });
  const thresholdsChanged = JSON.stringify(left.thresholds) !== JSON.stringify(right.thresholds);
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;
  const thresholds = (v: RuleSetVersion) =>
    `${v.thresholds.medium} / ${v.thresholds.high} / ${v.thresholds.critical}`;

  const picker = (side: "left" | "right", value: string) => (
    <select
      aria-label={t(`compare.${side}`)}
      value={value}
      onChange={(e) => onSelect(side, e.target.value)}
      className="h-8 rounded-md border border-border bg-surface px-2 text-sm font-medium"
    >
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {t("version", { version: v.version })} · {t(`statuses.${v.status}`)}
        </option>
      ))}
    </select>
  );

  return (
    <Card className="p-4" data-testid="rule-set-compare">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">{t("compare.title")}</h2>
        <label htmlFor={toggleId} className="flex items-center gap-2 text-xs text-fg-muted">
          <input
            id={toggleId}
            type="checkbox"
            checked={onlyChanged}
            onChange={(e) => setOnlyChanged(e.target.checked)}
          />
          {t("compare.onlyChanged")}
        </label>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs">
          <thead className="text-fg-muted">
            <tr>
              <th scope="col" className="w-1/4 py-1.5 pr-2 font-medium">
                {tEditor("rule")}
              </th>
              <th scope="col" className="py-1.5 pr-2">
                {picker("left", leftId)}
              </th>
              <th scope="col" className="py-1.5">
                {picker("right", rightId)}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            <tr className={cn(thresholdsChanged && "bg-warning/10")}>
              <th scope="row" className="py-1.5 pr-2 font-medium">
                {t("compare.thresholds")}
              </th>
              <td className="py-1.5 pr-2 font-mono">{thresholds(left)}</td>
              <td className="py-1.5 font-mono">{thresholds(right)}</td>
            </tr>
            {shown.map((row) => (
              <tr key={row.id} className={cn(row.changed && "bg-warning/10")} data-changed={row.changed}>
                <th scope="row" className="py-1.5 pr-2 align-top font-normal">
                  <span className="block">{row.label}</span>
                  <span className="font-mono text-fg-muted">{row.id}</span>
                  {row.changed ? (
                    <Badge tone="warning" className="ml-1">
                      {t("compare.changed")}
                    </Badge>
                  ) : null}
                </th>
                <td className={cn("py-1.5 pr-2 align-top font-mono", !row.a && "text-fg-muted")}>
                  {describe(row.a)}
                </td>
                <td className={cn("py-1.5 align-top font-mono", !row.b && "text-fg-muted")}>
                  {describe(row.b)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!thresholdsChanged && rows.every((r) => !r.changed) ? (
        <p className="mt-2 text-xs text-fg-muted">{t("compare.noDifferences")}</p>
      ) : null}
    </Card>
  );
}

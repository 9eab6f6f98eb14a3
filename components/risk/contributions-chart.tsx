"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useThemeColours } from "@/components/lib/use-theme-colours";
import { Card } from "@/components/ui/card";
import type { CaseDetail } from "./types";

const ROW_HEIGHT = 30;

type Contribution = CaseDetail["contributions"][number];

interface ContributionsProps {
  contributions: readonly Contribution[];
  ruleSetVersion: number;
  score: number;
}

/** Why the case scored what it did: a bar per matched rule (negative rules lower the score), then the same as a table. */
export function ContributionsChart({ contributions, ruleSetVersion, score }: ContributionsProps) {
  const t = useTranslations("risk.case.contributions");
  const tCommon = useTranslations("risk.common");
  const locale = useLocale();
  const theme = useThemeColours();
  const colours = {
    raise: theme["--danger"],
    lower: theme["--success"],
    grid: theme["--border"],
    text: theme["--fg-muted"],
  };
  const label = (c: Contribution) => (locale === "ja" ? (c.labelJa ?? c.label) : c.label);
  const data = contributions.map((c) => ({ name: label(c), points: c.points }));

  return (
    <Card className="p-4" data-testid="risk-contributions">
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <div>
          <h2 className="text-sm font-semibold">{t("title")}</h2>
          <p className="text-xs text-fg-muted">{t("descriptionShort", { version: ruleSetVersion })}</p>
        </div>
        <p className="text-right">
          <span className="block text-xs text-fg-muted">{tCommon("score")}</span>
          <span className="text-2xl font-semibold tabular-nums" data-testid="risk-score">
            {score}
          </span>
        </p>
      </div>
      {data.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("none")}</p>
      ) : (
        <>
          <div role="img" aria-label={t("chartLabel")} style={{ height: data.length * ROW_HEIGHT + 32 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid horizontal={false} stroke={colours.grid} />
                <XAxis type="number" tick={{ fill: colours.text, fontSize: 11 }} stroke={colours.grid} />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={220}
                  tick={{ fill: colours.text, fontSize: 11 }}
                  stroke={colours.grid}
                />
                <Tooltip cursor={{ fill: colours.grid, opacity: 0.4 }} />
                <Bar dataKey="points" name={t("points")} isAnimationActive={false} radius={2}>
                  {data.map((entry) => (
                    <Cell key={entry.name} fill={entry.points < 0 ? colours.lower : colours.raise} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="mt-3 w-full text-left text-xs">
            <thead className="text-fg-muted">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  {t("rule")}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t("matched")}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t("points")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {contributions.map((c) => (
                <tr key={c.ruleId} data-testid="risk-contribution">
                  <td className="py-1">
                    {label(c)} <span className="font-mono text-fg-muted">{c.ruleId}</span>
                  </td>
                  <td className="py-1 text-right tabular-nums">{c.matchedSignals}</td>
                  <td className="py-1 text-right font-medium tabular-nums">
                    {c.points > 0 ? `+${c.points}` : c.points}
                    {c.capped ? (
                      <span className="ml-1 font-normal text-fg-muted">({t("capped")})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}

"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { LevelBadge } from "../badges";
import type { BacktestResult } from "../types";

function Figure({ label, value, tone }: { label: string; value: number; tone?: "good" | "bad" }) {
  const colour =
    tone === "good" && value > 0 ? "text-success" : tone === "bad" && value > 0 ? "text-danger" : "";
  return (
    <div className="rounded-md bg-surface-muted p-2.5">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${colour}`}>{value}</dd>
    </div>
  );
}

/** What publishing the draft would have changed on the last 30 days of cases, with analysts' labels as ground truth. */
export function BacktestReport({ result }: { result: BacktestResult }) {
  const t = useTranslations("risk.rules.backtest");
  const tResolutions = useTranslations("risk.resolutions");
  const format = useFormatter();
  const { report } = result;

  return (
    <Card className="p-4" data-testid="backtest-report">
      <h2 className="text-sm font-semibold">
        {t("title", { draft: result.draftVersion, published: result.publishedVersion })}
      </h2>
      <p className="text-xs text-fg-muted">{t("since", { time: format.dateTime(result.since, "date") })}</p>
      <dl className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <Figure label={t("total")} value={report.total} />
        <Figure label={t("changed")} value={report.changed} />
        <Figure label={t("raised")} value={report.raised} />
        <Figure label={t("lowered")} value={report.lowered} />
        <Figure label={t("falsePositives")} value={report.falsePositivesNowBelowMedium} tone="good" />
        <Figure label={t("missedFraud")} value={report.confirmedFraudNowBelowMedium} tone="bad" />
      </dl>
      <p className="mt-2 text-xs text-fg-muted">
        {t("labeled", {
          falsePositive: report.labeled.falsePositive,
          confirmedFraud: report.labeled.confirmedFraud,
        })}{" "}
        · {t("drift", { count: report.driftFromCurrent })}
      </p>
      <h3 className="mt-4 text-xs font-medium">{t("examples")}</h3>
      {report.examples.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("noChanges")}</p>
      ) : (
        <table className="mt-1 w-full text-left text-xs">
          <thead className="text-fg-muted">
            <tr>
              <th scope="col" className="py-1 font-medium">
                {t("case")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("label")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("published")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("draft")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {report.examples.map((example) => (
              <tr key={example.id}>
                <td className="py-1">
                  <Link href={`/risk/${example.id}`} className="font-mono hover:underline">
                    {example.id.slice(0, 13)}…
                  </Link>
                </td>
                <td className="py-1">{example.label ? tResolutions(example.label) : "—"}</td>
                <td className="py-1">
                  <span className="inline-flex items-center gap-1.5">
                    <LevelBadge level={example.publishedLevel} />{" "}
                    <span className="tabular-nums">{example.publishedScore}</span>
                  </span>
                </td>
                <td className="py-1">
                  <span className="inline-flex items-center gap-1.5">
                    <LevelBadge level={example.draftLevel} />{" "}
                    <span className="tabular-nums">{example.draftScore}</span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

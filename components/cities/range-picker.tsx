"use client";

import { useTranslations } from "next-intl";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { CHART_RANGES, type ChartRange } from "@/server/cities/chart-ranges";

export function RangePicker({
  value,
  onChange,
}: {
  value: ChartRange;
  onChange: (range: ChartRange) => void;
}) {
  const t = useTranslations("cities.range");
  return (
    <SegmentedControl
      label={t("label")}
      value={value}
      onChange={onChange}
      options={CHART_RANGES.map((range) => ({ value: range, label: t(range), testId: `range-${range}` }))}
    />
  );
}

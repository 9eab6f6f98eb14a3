"use client";

import { useLocale, useTranslations } from "next-intl";
import { Input } from "@/components/ui/input";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { COMPARISON_WINDOWS, SEVERITIES } from "@/server/alerts/rules";
import { METRIC_INFO, METRICS, UNIT_LABELS } from "@/server/indicators/metrics";
import { Checkbox, Field, Select, TextField } from "@/components/ui/form-controls";
import { operatorsOf, withKind, type ErrorField, type RuleDraft, type RuleKind } from "./rule-draft";
import type { RuleEditorOptions } from "./types";

interface RuleFieldsProps {
  draft: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  /** Fields the schema refuses, shown once the person tried to save. */
  invalid: ReadonlySet<ErrorField>;
  options: RuleEditorOptions;
}

const KINDS: readonly RuleKind[] = ["threshold", "change", "no_data"];
/** The rule's on/off settings, in the order the form shows them. */
const SWITCHES = ["opensTicket", "opensRiskCase", "enabled"] as const;

export function RuleFields({ draft, onChange, invalid, options }: RuleFieldsProps) {
  const t = useTranslations("cities.editor");
  const locale = useLocale() === "ja" ? "ja" : "en";
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const error = (field: ErrorField) => (invalid.has(field) ? t(`errors.${field}`) : undefined);
  const info = METRIC_INFO[draft.metric];
  const unit = info.isRate ? "%" : UNIT_LABELS[info.unit][locale];
  const numberInput = (
    key:
      | "threshold"
      | "recoveryThreshold"
      | "changePercent"
      | "noDataMinutes"
      | "forMinutes"
      | "keepFiringMinutes",
    field: ErrorField,
    suffix: string,
  ) => (
    <Field label={t(`fields.${key}`)} error={error(field)} hint={t(`hints.${key}`, { unit: suffix })}>
      {({ id, describedBy, invalid: bad }) => (
        <div className="flex items-center gap-2">
          <Input
            id={id}
            inputMode="decimal"
            value={draft[key]}
            onChange={(event) => set(key, event.target.value)}
            aria-invalid={bad || undefined}
            aria-describedby={describedBy}
            className="max-w-32 tabular-nums"
            data-testid={`rule-${key}`}
          />
          <span className="text-sm text-fg-muted">{suffix}</span>
        </div>
      )}
    </Field>
  );

  return (
    <div className="space-y-4">
      <TextField
        label={t("fields.name")}
        error={error("name")}
        value={draft.name}
        onChange={(e) => set("name", e.target.value)}
        data-testid="rule-name"
      />
      <div>
        <p className="mb-1.5 text-sm font-medium">{t("fields.kind")}</p>
        <SegmentedControl
          label={t("fields.kind")}
          value={draft.kind}
          onChange={(kind) => onChange(withKind(draft, kind))}
          options={KINDS.map((kind) => ({
            value: kind,
            label: t(`kinds.${kind}`),
            testId: `rule-kind-${kind}`,
          }))}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("fields.metric")} error={error("metric")}>
          {({ id }) => (
            <Select
              id={id}
              value={draft.metric}
              onChange={(e) => set("metric", METRICS.find((m) => m === e.target.value) ?? draft.metric)}
              data-testid="rule-metric"
            >
              {METRICS.map((metric) => (
                <option key={metric} value={metric}>
                  {METRIC_INFO[metric].label[locale]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("fields.city")} error={error("cityId")}>
          {({ id }) => (
            <Select
              id={id}
              value={draft.cityId}
              onChange={(e) => set("cityId", e.target.value)}
              data-testid="rule-city"
            >
              <option value="">{t("allCities")}</option>
              {options.cities.map((city) => (
                <option key={city.id} value={city.id}>
                  {locale === "ja" ? city.nameJa : city.name} ({city.code})
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>

      {draft.kind === "no_data" ? (
        numberInput("noDataMinutes", "noDataMinutes", t("units.minutes"))
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("fields.operator")} error={error("operator")}>
            {({ id }) => (
              <Select
                id={id}
                value={draft.operator}
                onChange={(e) => set("operator", e.target.value)}
                data-testid="rule-operator"
              >
                {operatorsOf(draft.kind).map((operator) => (
                  <option key={operator} value={operator}>
                    {t(`operators.${operator}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {draft.kind === "threshold"
            ? numberInput("threshold", "threshold", unit)
            : numberInput("changePercent", "changePercent", "%")}
          {draft.kind === "threshold" ? numberInput("recoveryThreshold", "recoveryThreshold", unit) : null}
          {draft.kind === "change" ? (
            <Field label={t("fields.comparisonWindow")}>
              {({ id }) => (
                <Select
                  id={id}
                  value={draft.comparisonWindow}
                  onChange={(e) =>
                    set(
                      "comparisonWindow",
                      COMPARISON_WINDOWS.find((w) => w === e.target.value) ?? draft.comparisonWindow,
                    )
                  }
                >
                  {COMPARISON_WINDOWS.map((window) => (
                    <option key={window} value={window}>
                      {t(`windows.${window}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
        </div>
      )}

      <div className="grid gap-3 sm:grid-cols-2">
        {numberInput("forMinutes", "forSeconds", t("units.minutes"))}
        {numberInput("keepFiringMinutes", "keepFiringForSeconds", t("units.minutes"))}
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("fields.severity")}>
          {({ id }) => (
            <Select
              id={id}
              value={draft.severity}
              onChange={(e) =>
                set("severity", SEVERITIES.find((s) => s === e.target.value) ?? draft.severity)
              }
              data-testid="rule-severity"
            >
              {SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {t(`severities.${severity}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("fields.responsePlan")}>
          {({ id }) => (
            <Select
              id={id}
              value={draft.responsePlanId}
              onChange={(e) => set("responsePlanId", e.target.value)}
              data-testid="rule-plan"
            >
              <option value="">{t("noPlan")}</option>
              {options.plans.map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {locale === "ja" ? plan.nameJa : plan.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <div className="space-y-2">
        {SWITCHES.map((key) => (
          <Checkbox
            key={key}
            label={t(`fields.${key}`)}
            hint={t(`hints.${key}`)}
            checked={draft[key]}
            onChange={(e) => set(key, e.target.checked)}
            data-testid={`rule-${key}`}
          />
        ))}
      </div>
    </div>
  );
}

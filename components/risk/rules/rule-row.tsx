"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { COMPARISON_OPS, type Rule } from "@/server/risk/rule-set";

const INPUT = "h-7 rounded border border-border bg-surface px-1.5 text-xs aria-invalid:border-danger";

interface RuleRowProps {
  rule: Rule;
  /** Error messages by field path relative to the rule, e.g. "weight", "condition.value". */
  errors: ReadonlyMap<string, string>;
  onChange: (rule: Rule) => void;
  onRemove: () => void;
}

function parseValue(text: string, previous: Rule["condition"]): string | number | boolean {
  if ("history" in previous) return text;
  if (typeof previous.value === "boolean") return text === "true";
  if (typeof previous.value === "number") return text.trim() === "" ? Number.NaN : Number(text);
  return text;
}

/** One rule as a row of inputs; the server validates the whole draft and its messages appear beside the fields. */
export function RuleRow({ rule, errors, onChange, onRemove }: RuleRowProps) {
  const t = useTranslations("risk.rules.editor");
  const tTypes = useTranslations("risk.types");
  const locale = useLocale();
  const label = locale === "ja" ? (rule.labelJa ?? rule.label) : rule.label;
  const fieldError = (path: string) => errors.get(path);
  const invalid = (path: string) => (fieldError(path) ? true : undefined);
  const number = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));
  const { condition } = rule;
  const messages = [...errors.values()];

  return (
    <tr
      className={cn("align-top", messages.length > 0 && "bg-danger/5")}
      data-testid="rule-row"
      data-rule={rule.id}
    >
      <th scope="row" className="py-1.5 pr-2 text-left font-normal">
        <span className="block text-xs">{label}</span>
        <span className="font-mono text-[11px] text-fg-muted">{rule.id}</span>
        <span className="block text-[11px] text-fg-muted">
          {rule.signalType ? tTypes(rule.signalType) : t("anyType")}
        </span>
        {messages.map((message) => (
          <span key={message} role="alert" className="block text-[11px] text-danger">
            {message}
          </span>
        ))}
      </th>
      <td className="py-1.5 pr-2">
        {"history" in condition ? (
          <span className="flex flex-wrap items-center gap-1 text-xs">
            <input
              aria-label={`${rule.id} ${t("minCount")}`}
              aria-invalid={invalid("condition.history.minCount")}
              type="number"
              className={cn(INPUT, "w-14")}
              value={Number.isNaN(condition.history.minCount) ? "" : condition.history.minCount}
              onChange={(e) =>
                onChange({
                  ...rule,
                  condition: { history: { ...condition.history, minCount: number(e.target.value) } },
                })
              }
            />
            <span>/</span>
            <input
              aria-label={`${rule.id} ${t("window")}`}
              aria-invalid={invalid("condition.history.windowHours")}
              type="number"
              className={cn(INPUT, "w-16")}
              value={Number.isNaN(condition.history.windowHours) ? "" : condition.history.windowHours}
              onChange={(e) =>
                onChange({
                  ...rule,
                  condition: { history: { ...condition.history, windowHours: number(e.target.value) } },
                })
              }
            />
            <span className="text-fg-muted">h</span>
          </span>
        ) : (
          <span className="flex flex-wrap items-center gap-1">
            <span className="font-mono text-xs">{condition.attribute}</span>
            <select
              aria-label={`${rule.id} ${t("operator")}`}
              aria-invalid={invalid("condition.op")}
              className={INPUT}
              value={condition.op}
              onChange={(e) =>
                onChange({
                  ...rule,
                  condition: {
                    ...condition,
                    op: COMPARISON_OPS.find((op) => op === e.target.value) ?? condition.op,
                  },
                })
              }
            >
              {COMPARISON_OPS.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            {typeof condition.value === "boolean" ? (
              <select
                aria-label={`${rule.id} ${t("value")}`}
                className={INPUT}
                value={String(condition.value)}
                onChange={(e) =>
                  onChange({
                    ...rule,
                    condition: { ...condition, value: parseValue(e.target.value, condition) },
                  })
                }
              >
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : (
              <input
                aria-label={`${rule.id} ${t("value")}`}
                aria-invalid={invalid("condition.value")}
                type={typeof condition.value === "number" ? "number" : "text"}
                className={cn(INPUT, "w-24")}
                value={
                  typeof condition.value === "number" && Number.isNaN(condition.value)
                    ? ""
                    : String(condition.value)
                }
                onChange={(e) =>
                  onChange({
                    ...rule,
                    condition: { ...condition, value: parseValue(e.target.value, condition) },
                  })
                }
              />
            )}
          </span>
        )}
      </td>
      {(["weight", "cap"] as const).map((field) => (
        <td key={field} className="py-1.5 pr-2">
          <input
            aria-label={`${rule.id} ${t(field)}`}
            aria-invalid={invalid(field)}
            type="number"
            className={cn(INPUT, "w-16")}
            value={Number.isNaN(rule[field]) ? "" : rule[field]}
            onChange={(e) => onChange({ ...rule, [field]: number(e.target.value) })}
          />
        </td>
      ))}
      <td className="py-1.5">
        <Button size="sm" variant="ghost" aria-label={t("removeLabel", { id: rule.id })} onClick={onRemove}>
          {t("remove")}
        </Button>
      </td>
    </tr>
  );
}

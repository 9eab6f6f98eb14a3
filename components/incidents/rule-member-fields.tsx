"use client";

import { useLocale, useTranslations } from "next-intl";
import { Checkbox } from "@/components/ui/form-controls";
import { METRIC_INFO, METRICS } from "@/server/indicators/metrics";
import { RISK_TYPES } from "@/server/risk/types";
import { TICKET_CATEGORIES } from "@/server/tickets/types";
import { DRAFT_KINDS, type DraftKind, type RuleDraft } from "./rule-draft";

interface MemberFieldsProps {
  members: RuleDraft["members"];
  onChange: (members: RuleDraft["members"]) => void;
  error?: string;
}

/** Which kinds a rule takes and, per kind, which categories / risk types / metrics (none ticked: any). */
export function MemberFields({ members, onChange, error }: MemberFieldsProps) {
  const t = useTranslations("incidents.editor");
  const kinds = useTranslations("incidents.kind");
  const categories = useTranslations("tickets.category");
  const riskTypes = useTranslations("risk.types");
  const locale = useLocale() === "ja" ? "ja" : "en";
  const options: Record<DraftKind, readonly { value: string; label: string }[]> = {
    ticket: TICKET_CATEGORIES.map((value) => ({ value, label: categories(value) })),
    risk_signal: RISK_TYPES.map((value) => ({ value, label: riskTypes(value) })),
    alert: METRICS.map((value) => ({ value, label: METRIC_INFO[value].label[locale] })),
  };
  const set = (kind: DraftKind, next: { on: boolean; values: string[] }) =>
    onChange({ ...members, [kind]: next });

  return (
    <fieldset
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? "rule-members-error" : undefined}
    >
      <legend className="text-sm font-medium">{t("fields.members")}</legend>
      <p className="text-xs text-fg-muted">{t("hints.members")}</p>
      <div className="mt-2 space-y-3">
        {DRAFT_KINDS.map((kind) => {
          const member = members[kind];
          return (
            <div key={kind} className="rounded-md border border-border p-2">
              <Checkbox
                label={kinds(kind === "risk_signal" ? "risk_case" : kind)}
                checked={member.on}
                onChange={(event) => set(kind, { ...member, on: event.target.checked })}
                data-testid={`rule-kind-${kind}`}
              />
              {member.on ? (
                <div className="mt-2 flex flex-wrap gap-x-3 gap-y-1 pl-6">
                  {options[kind].map((option) => (
                    <label key={option.value} className="flex items-center gap-1.5 text-xs">
                      <input
                        type="checkbox"
                        className="size-3.5 accent-accent"
                        checked={member.values.includes(option.value)}
                        onChange={(event) =>
                          set(kind, {
                            ...member,
                            values: event.target.checked
                              ? [...member.values, option.value]
                              : member.values.filter((value) => value !== option.value),
                          })
                        }
                        data-testid={`rule-${kind}-${option.value}`}
                      />
                      {option.label}
                    </label>
                  ))}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
      {error ? (
        <p id="rule-members-error" className="mt-1 text-xs text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

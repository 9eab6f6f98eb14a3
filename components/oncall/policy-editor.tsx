"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ROLE_NAMES, type EscalationTarget, type PolicyLevel } from "@/server/oncall/contract";
import { TargetValueField } from "./target-value-field";
import type { PolicyView } from "./types";
import { FormOutcome } from "./form-outcome";

type Kind = EscalationTarget["kind"];
interface DraftLevel {
  kind: Kind;
  value: string;
  timeoutMinutes: number;
  workingHoursOnly: boolean;
  /** A level's further targets: this editor shows the first one and keeps the others as they are. */
  others: EscalationTarget[];
}

function fromLevel(level: PolicyLevel): DraftLevel {
  const [first, ...others] = level.targets;
  const value =
    first?.kind === "user"
      ? first.userId
      : first?.kind === "schedule"
        ? first.scheduleId
        : first?.kind === "role"
          ? first.role
          : "";
  return {
    kind: first?.kind ?? "team_oncall",
    value,
    timeoutMinutes: level.timeoutMinutes,
    workingHoursOnly: level.workingHoursOnly,
    others,
  };
}

const KINDS: Kind[] = ["team_oncall", "team_lead", "schedule", "user", "role", "assignees"];

function toTarget({ kind, value }: DraftLevel): EscalationTarget {
  switch (kind) {
    case "user":
      return { kind, userId: value.trim() };
    case "schedule":
      return { kind, scheduleId: value.trim() };
    case "role":
      return {
        kind,
        role: (ROLE_NAMES as readonly string[]).includes(value)
          ? (value as (typeof ROLE_NAMES)[number])
          : "admin",
      };
    default:
      return { kind };
  }
}

/**
 * Creates a policy, or edits one (its levels, their targets and acknowledgement timeouts) when given; the server
 * names any field it refuses, and a stale version (someone saved first) is refused rather than overwritten.
 */
export function PolicyEditor({ policy, onDone }: { policy?: PolicyView; onDone?: () => void }) {
  const t = useTranslations("oncall");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(policy?.name ?? "");
  const [levels, setLevels] = useState<DraftLevel[]>(
    policy
      ? policy.levels.map(fromLevel)
      : [{ kind: "team_oncall", value: "", timeoutMinutes: 10, workingHoursOnly: false, others: [] }],
  );
  const [saved, setSaved] = useState(false);
  const onSuccess = async () => {
    setSaved(true);
    if (!policy) setName("");
    await queryClient.invalidateQueries({ queryKey: trpc.oncall.policies.queryKey() });
    onDone?.();
  };
  const create = useMutation(trpc.oncall.createPolicy.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.oncall.updatePolicy.mutationOptions({ onSuccess }));
  const mutation = policy ? update : create;
  const patch = (i: number, change: Partial<DraftLevel>) =>
    setLevels(levels.map((level, j) => (j === i ? { ...level, ...change } : level)));

  const prefix = `policy-${policy?.id ?? "new"}`;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const payload: PolicyLevel[] = levels.map((level) => ({
      targets: [toTarget(level), ...level.others],
      timeoutMinutes: level.timeoutMinutes,
      workingHoursOnly: level.workingHoursOnly,
    }));
    if (policy) {
      update.mutate({
        policyId: policy.id,
        version: policy.version,
        name,
        description: policy.description,
        repeat: policy.repeat,
        levels: payload,
      });
    } else {
      create.mutate({ name, description: "", repeat: 0, levels: payload });
    }
  };

  return (
    <Card className={policy ? "mt-3 p-3" : "mt-4 p-4"}>
      <form onSubmit={submit} className="flex flex-col gap-3" data-testid="oncall-policy-editor">
        <h3 className="font-semibold">{policy ? t("editPolicy") : t("newPolicy")}</h3>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`policy-name-${policy?.id ?? "new"}`}>{t("policyName")}</Label>
          <Input
            id={`policy-name-${policy?.id ?? "new"}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </div>
        {levels.map((level, i) => (
          <fieldset
            key={i}
            className="flex flex-col gap-2 rounded border border-border p-3 sm:flex-row sm:flex-wrap sm:items-end"
          >
            <legend className="px-1 text-xs text-fg-muted">{t("level", { level: i + 1 })}</legend>
            <div className="flex flex-col gap-1">
              <Label htmlFor={`${prefix}-kind-${i}`}>{t("targetKind")}</Label>
              <select
                id={`${prefix}-kind-${i}`}
                className="h-9 rounded border border-border bg-surface px-2 text-sm"
                value={level.kind}
                onChange={(e) => patch(i, { kind: e.target.value as Kind, value: "" })}
              >
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind === "role" ? t("target.role", { role: "…" }) : t(`target.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            {level.kind === "user" || level.kind === "schedule" || level.kind === "role" ? (
              <div className="min-w-0 flex-1">
                <TargetValueField
                  id={`${prefix}-value-${i}`}
                  kind={level.kind}
                  value={level.value}
                  onChange={(value) => patch(i, { value })}
                />
              </div>
            ) : null}
            <div className="flex flex-col gap-1">
              <Label htmlFor={`${prefix}-timeout-${i}`}>{t("timeoutMinutes")}</Label>
              <Input
                id={`${prefix}-timeout-${i}`}
                type="number"
                min={1}
                max={1440}
                className="w-28"
                value={level.timeoutMinutes}
                onChange={(e) => patch(i, { timeoutMinutes: Number(e.target.value) })}
              />
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={level.workingHoursOnly}
                onChange={(e) => patch(i, { workingHoursOnly: e.target.checked })}
              />
              {t("workingHoursLabel")}
            </label>
            {levels.length > 1 ? (
              <Button variant="ghost" size="sm" onClick={() => setLevels(levels.filter((_, j) => j !== i))}>
                {t("removeLevel")}
              </Button>
            ) : null}
          </fieldset>
        ))}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={() =>
              setLevels([
                ...levels,
                { kind: "team_lead", value: "", timeoutMinutes: 15, workingHoursOnly: false, others: [] },
              ])
            }
          >
            {t("addLevel")}
          </Button>
          <Button type="submit" disabled={mutation.isPending}>
            {t("save")}
          </Button>
        </div>
        <FormOutcome error={mutation.error} saved={saved ? t("saved") : null} />
      </form>
    </Card>
  );
}

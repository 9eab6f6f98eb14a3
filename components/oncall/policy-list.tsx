"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { PolicyLevel } from "@/server/oncall/contract";
import { PolicyEditor } from "./policy-editor";
import type { PolicyList as Policies, PolicyView } from "./types";

function LevelLines({ levels }: { levels: PolicyLevel[] }) {
  const t = useTranslations("oncall");
  return (
    <ol className="mt-2 flex flex-col gap-1 text-sm text-fg-muted">
      {levels.map((level, i) => (
        <li key={i}>
          {t("levelLine", {
            level: i + 1,
            targets: level.targets
              .map((target) =>
                target.kind === "role" ? t("target.role", { role: target.role }) : t(`target.${target.kind}`),
              )
              .join(", "),
            minutes: level.timeoutMinutes,
            hours: level.workingHoursOnly ? t("workingHoursOnly") : "",
          })}
        </li>
      ))}
    </ol>
  );
}

function PolicyCard({ policy, canManage }: { policy: PolicyView; canManage: boolean }) {
  const t = useTranslations("oncall");
  const [editing, setEditing] = useState(false);
  return (
    <Card className="p-4" data-testid="oncall-policy">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold break-words">{policy.name}</h3>
        {canManage ? (
          <Button variant="secondary" size="sm" onClick={() => setEditing(!editing)} aria-expanded={editing}>
            {editing ? t("editor.close") : t("editor.edit")}
          </Button>
        ) : null}
      </div>
      <p className="text-xs text-fg-muted">{t("repeat", { count: policy.repeat })}</p>
      <LevelLines levels={policy.levels} />
      {editing ? (
        <PolicyEditor key={policy.version} policy={policy} onDone={() => setEditing(false)} />
      ) : null}
    </Card>
  );
}

/** Policies (editable by on-call managers) and the built-in fallbacks, level by level. */
export function PolicyList({ policies, canManage }: { policies: Policies; canManage: boolean }) {
  const t = useTranslations("oncall");
  return (
    <div className="flex flex-col gap-3">
      {policies.policies.length === 0 ? <p className="text-sm text-fg-muted">{t("noPolicies")}</p> : null}
      <ul className="grid gap-3 lg:grid-cols-2">
        {policies.policies.map((policy) => (
          <li key={policy.id}>
            <PolicyCard policy={policy} canManage={canManage} />
          </li>
        ))}
      </ul>
      <h3 className="mt-2 text-sm font-semibold text-fg-muted">{t("builtInHeading")}</h3>
      <ul className="grid gap-3 lg:grid-cols-2">
        {policies.builtIn.map((policy) => (
          <li key={policy.trigger}>
            <Card className="p-4">
              <h4 className="font-medium">
                {policy.trigger} · {policy.name}
              </h4>
              <LevelLines levels={policy.levels} />
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}

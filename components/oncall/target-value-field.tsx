"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { Label } from "@/components/ui/label";
import { ROLE_NAMES } from "@/server/oncall/contract";
import { SinglePersonField, usePeople } from "./user-picker";

const SELECT = "h-9 w-full rounded border border-border bg-surface px-2 text-sm";

/** What a level's target names, chosen rather than typed: a person (searched), a schedule or a role (listed). */
export function TargetValueField({
  id,
  kind,
  value,
  onChange,
}: {
  id: string;
  kind: "user" | "schedule" | "role";
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useTranslations("oncall");
  const trpc = useTRPC();
  const schedules = useQuery({ ...trpc.oncall.schedules.queryOptions(), enabled: kind === "schedule" });
  const people = usePeople(kind === "user" && value ? [value] : []);

  if (kind === "user") {
    return (
      <SinglePersonField
        id={id}
        label={t("target.user")}
        value={people.get(value) ?? null}
        onChange={(person) => onChange(person?.userId ?? "")}
      />
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{kind === "schedule" ? t("target.schedule") : t("targetKind")}</Label>
      <select id={id} className={SELECT} value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">{t("picker.choose")}</option>
        {kind === "schedule"
          ? (schedules.data ?? []).map((schedule) => (
              <option key={schedule.id} value={schedule.id}>
                {schedule.name}
              </option>
            ))
          : ROLE_NAMES.map((role) => (
              <option key={role} value={role}>
                {t("target.role", { role })}
              </option>
            ))}
      </select>
    </div>
  );
}

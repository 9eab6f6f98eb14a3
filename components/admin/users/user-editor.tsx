"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Role } from "@/server/auth/permissions";
import type { UserView } from "@/server/users/contract";
import { RolePicker } from "./role-picker";
import { TeamPicker } from "./team-picker";

export interface UserAdminOptions {
  teams: { id: string; name: string }[];
  categories: NonNullable<UserView["agentProfile"]>["skills"];
}

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const toHhmm = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;
const toMinutes = (hhmm: string) => {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
};

/** Roles, team and the inputs ticket routing reads: skills, languages, capacity, shift and work days. */
export function UserEditor({
  user,
  options,
  onDone,
}: {
  user: UserView;
  options: UserAdminOptions;
  onDone: () => void;
}) {
  const t = useTranslations("security.users");
  const trpc = useTRPC();
  const profile = user.agentProfile;
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [teamId, setTeamId] = useState(user.team?.id ?? "");
  const [isAgent, setIsAgent] = useState(profile !== null);
  const [skills, setSkills] = useState(profile?.skills ?? []);
  const [languages, setLanguages] = useState((profile?.languages ?? ["ja"]).join(", "));
  const [capacity, setCapacity] = useState(String(profile?.capacity ?? 10));
  const [shiftStart, setShiftStart] = useState(toHhmm(profile?.shiftStartMin ?? 9 * 60));
  const [shiftEnd, setShiftEnd] = useState(toHhmm(profile?.shiftEndMin ?? 18 * 60));
  const [workDays, setWorkDays] = useState<number[]>(profile?.workDays ?? [1, 2, 3, 4, 5]);
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: onDone }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({
      id: user.id,
      roles,
      teamId: teamId || null,
      agentProfile: isAgent
        ? {
            skills,
            languages: languages
              .split(",")
              .map((l) => l.trim())
              .filter(Boolean),
            capacity: Number(capacity),
            shiftStartMin: toMinutes(shiftStart),
            shiftEndMin: toMinutes(shiftEnd),
            workDays,
          }
        : null,
    });
  }

  const id = (field: string) => `user-${user.id}-${field}`;
  return (
    <form
      onSubmit={submit}
      className="mt-4 grid gap-3 rounded-md border border-border p-4 sm:grid-cols-2"
      data-testid="user-editor"
    >
      <RolePicker value={roles} onChange={setRoles} idPrefix="edit" />
      <TeamPicker id={id("team")} teams={options.teams} value={teamId} onChange={setTeamId} />
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-semibold">{t("routing")}</legend>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={isAgent}
            onChange={(e) => setIsAgent(e.target.checked)}
            data-testid="user-is-agent"
          />
          {t("isAgent")}
        </label>
        {isAgent ? (
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            <fieldset className="sm:col-span-2">
              <legend className="text-sm">{t("skills")}</legend>
              <div className="flex flex-wrap gap-3">
                {options.categories.map((category) => (
                  <label key={category} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={skills.includes(category)}
                      data-testid={`user-skill-${category}`}
                      onChange={(e) =>
                        setSkills(
                          e.target.checked ? [...skills, category] : skills.filter((s) => s !== category),
                        )
                      }
                    />
                    {category}
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <Label htmlFor={id("languages")}>{t("languages")}</Label>
              <Input id={id("languages")} value={languages} onChange={(e) => setLanguages(e.target.value)} />
            </div>
            <div>
              <Label htmlFor={id("capacity")}>{t("capacity")}</Label>
              <Input
                id={id("capacity")}
                type="number"
                min={0}
                max={100}
                value={capacity}
                onChange={(e) => setCapacity(e.target.value)}
                data-testid="user-capacity"
              />
            </div>
            <div>
              <Label htmlFor={id("shift-start")}>{t("shiftStart")}</Label>
              <Input
                id={id("shift-start")}
                type="time"
                value={shiftStart}
                onChange={(e) => setShiftStart(e.target.value)}
              />
            </div>
            <div>
              <Label htmlFor={id("shift-end")}>{t("shiftEnd")}</Label>
              <Input
                id={id("shift-end")}
                type="time"
                value={shiftEnd}
                onChange={(e) => setShiftEnd(e.target.value)}
              />
            </div>
            <fieldset className="sm:col-span-2">
              <legend className="text-sm">{t("workDays")}</legend>
              <div className="flex gap-3">
                {DAYS.map((day) => (
                  <label key={day} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={workDays.includes(day)}
                      onChange={(e) =>
                        setWorkDays(
                          e.target.checked ? [...workDays, day].sort() : workDays.filter((d) => d !== day),
                        )
                      }
                    />
                    {day}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        ) : null}
      </fieldset>
      {update.error ? (
        <p role="alert" className="text-sm text-danger sm:col-span-2">
          {update.error.message}
        </p>
      ) : null}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" variant="primary" disabled={update.isPending} data-testid="user-save">
          {t("save")}
        </Button>
        <Button type="button" onClick={onDone}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/form-controls";
import { CHANNELS, SEVERITIES, type Channel, type Severity } from "@/server/oncall/working-hours";
import type { Preferences } from "./types";
import { FormOutcome } from "./form-outcome";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const CLOCK_FIELDS = ["workStart", "workEnd", "quietStart", "quietEnd"] as const;
type ClockField = (typeof CLOCK_FIELDS)[number];
const toClock = (minute: number | null) =>
  minute === null
    ? ""
    : `${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
const fromClock = (text: string): number | null => {
  if (!text) return null;
  const [hours, minutes] = text.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Each person's channels per severity, working hours and quiet hours (critical pages bypass quiet hours). */
export function PreferenceForm({ initial }: { initial: Preferences }) {
  const t = useTranslations("oncall.preferences");
  const tDays = useTranslations("oncall.editor.weekdays");
  const trpc = useTRPC();
  const [timezone, setTimezone] = useState(initial.timezone);
  const [workDays, setWorkDays] = useState<number[]>(initial.workDays);
  const [clocks, setClocks] = useState<Record<ClockField, string>>({
    workStart: toClock(initial.workStartMin),
    workEnd: toClock(initial.workEndMin === 1440 ? 0 : initial.workEndMin),
    quietStart: toClock(initial.quietStartMin),
    quietEnd: toClock(initial.quietEndMin),
  });
  const [channels, setChannels] = useState<Partial<Record<Severity, Channel[]>>>(initial.channels);
  const save = useMutation(trpc.oncall.savePreferences.mutationOptions());

  const toggle = (severity: Severity, channel: Channel) => {
    const current = channels[severity] ?? [];
    setChannels({
      ...channels,
      [severity]: current.includes(channel) ? current.filter((c) => c !== channel) : [...current, channel],
    });
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const end = fromClock(clocks.workEnd) ?? 0;
    save.mutate({
      timezone,
      workDays: [...workDays].sort(),
      workStartMin: fromClock(clocks.workStart) ?? 0,
      workEndMin: end === 0 ? 1440 : end,
      quietStartMin: fromClock(clocks.quietStart),
      quietEndMin: fromClock(clocks.quietEnd),
      channels,
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" data-testid="oncall-preferences">
      <Card className="flex flex-col gap-3 p-4">
        <h2 className="font-semibold">{t("channelsHeading")}</h2>
        <p className="text-xs text-fg-muted">{t("channelsHint")}</p>
        {SEVERITIES.map((severity) => (
          <fieldset key={severity} className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
            <legend className="mb-1 w-28 text-sm font-medium sm:mb-0">{t(`severity.${severity}`)}</legend>
            <span className="flex flex-wrap gap-x-4 gap-y-2">
              {CHANNELS.map((channel) => (
                <label key={channel} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={(channels[severity] ?? []).includes(channel)}
                    onChange={() => toggle(severity, channel)}
                  />
                  {t(`channel.${channel}`)}
                </label>
              ))}
            </span>
          </fieldset>
        ))}
      </Card>
      <Card className="flex flex-col gap-3 p-4">
        <h2 className="font-semibold">{t("hoursHeading")}</h2>
        <Field label={t("timezone")}>
          {({ id }) => (
            <Input id={id} value={timezone} onChange={(e) => setTimezone(e.target.value)} required />
          )}
        </Field>
        <fieldset className="flex flex-wrap gap-x-4 gap-y-2">
          <legend className="mb-1 text-sm font-medium">{t("workDays")}</legend>
          {WEEKDAYS.map((day) => (
            <label key={day} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={workDays.includes(day)}
                onChange={() =>
                  setWorkDays(workDays.includes(day) ? workDays.filter((d) => d !== day) : [...workDays, day])
                }
              />
              {tDays(`${day}`)}
            </label>
          ))}
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          {CLOCK_FIELDS.map((field) => (
            <Field key={field} label={t(field)}>
              {({ id }) => (
                <Input
                  id={id}
                  type="time"
                  value={clocks[field]}
                  onChange={(e) => setClocks({ ...clocks, [field]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
        <p className="text-xs text-fg-muted">{t("quietHint")}</p>
      </Card>
      <div>
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
      </div>
      <FormOutcome error={save.error} saved={save.isSuccess ? t("saved") : null} />
    </form>
  );
}

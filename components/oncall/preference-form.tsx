"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CHANNELS, SEVERITIES, type Channel, type Severity } from "@/server/oncall/working-hours";
import type { Preferences } from "./types";
import { FormOutcome } from "./form-outcome";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
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
  const [workStart, setWorkStart] = useState(toClock(initial.workStartMin));
  const [workEnd, setWorkEnd] = useState(toClock(initial.workEndMin === 1440 ? 0 : initial.workEndMin));
  const [quietStart, setQuietStart] = useState(toClock(initial.quietStartMin));
  const [quietEnd, setQuietEnd] = useState(toClock(initial.quietEndMin));
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
    const end = fromClock(workEnd) ?? 0;
    save.mutate({
      timezone,
      workDays: [...workDays].sort(),
      workStartMin: fromClock(workStart) ?? 0,
      workEndMin: end === 0 ? 1440 : end,
      quietStartMin: fromClock(quietStart),
      quietEndMin: fromClock(quietEnd),
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
        <div className="flex flex-col gap-1">
          <Label htmlFor="pref-zone">{t("timezone")}</Label>
          <Input id="pref-zone" value={timezone} onChange={(e) => setTimezone(e.target.value)} required />
        </div>
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
          <div className="flex flex-col gap-1">
            <Label htmlFor="pref-work-start">{t("workStart")}</Label>
            <Input
              id="pref-work-start"
              type="time"
              value={workStart}
              onChange={(e) => setWorkStart(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="pref-work-end">{t("workEnd")}</Label>
            <Input
              id="pref-work-end"
              type="time"
              value={workEnd}
              onChange={(e) => setWorkEnd(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="pref-quiet-start">{t("quietStart")}</Label>
            <Input
              id="pref-quiet-start"
              type="time"
              value={quietStart}
              onChange={(e) => setQuietStart(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="pref-quiet-end">{t("quietEnd")}</Label>
            <Input
              id="pref-quiet-end"
              type="time"
              value={quietEnd}
              onChange={(e) => setQuietEnd(e.target.value)}
            />
          </div>
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

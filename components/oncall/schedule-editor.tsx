"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ParticipantsField } from "./participants-field";
import type { ScheduleSummary } from "./types";
import { FormOutcome } from "./form-outcome";

type Layer = ScheduleSummary["layers"][number];

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const SELECT = "h-9 w-full rounded border border-border bg-surface px-2 text-sm";

const toClock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
const fromClock = (text: string) => {
  const [hours, minutes] = text.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Creates a schedule or edits its first rotation layer: participants in turn order (picked by name), daily or
 * weekly, the handover's wall-clock time and weekday, the time zone. Other layers are kept as they are.
 */
export function ScheduleEditor({ schedule, onDone }: { schedule?: ScheduleSummary; onDone?: () => void }) {
  const t = useTranslations("oncall.editor");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const layer: Layer | undefined = schedule?.layers[0];
  const [name, setName] = useState(schedule?.name ?? "");
  const [timezone, setTimezone] = useState(schedule?.timezone ?? "Asia/Tokyo");
  const [kind, setKind] = useState<Layer["kind"]>(layer?.kind ?? "weekly");
  const [handoff, setHandoff] = useState(toClock(layer?.handoffMinute ?? 9 * 60));
  const [weekday, setWeekday] = useState(layer?.handoffWeekday ?? 1);
  const [participants, setParticipants] = useState<string[]>(layer?.participants ?? []);
  const [saved, setSaved] = useState(false);
  const onSuccess = async () => {
    setSaved(true);
    await queryClient.invalidateQueries({ queryKey: trpc.oncall.schedules.queryKey() });
    onDone?.();
  };
  const create = useMutation(trpc.oncall.createSchedule.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.oncall.updateSchedule.mutationOptions({ onSuccess }));
  const mutation = schedule ? update : create;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const rotation: Layer = {
      id: layer?.id ?? "primary",
      name: layer?.name ?? "Primary",
      kind,
      handoffMinute: fromClock(handoff),
      handoffWeekday: weekday,
      startDate: layer?.startDate ?? today(),
      endDate: layer?.endDate ?? null,
      participants,
      restriction: layer?.restriction ?? null,
    };
    const fields = { name, timezone, teamId: schedule?.teamId ?? null };
    if (schedule) {
      update.mutate({
        ...fields,
        scheduleId: schedule.id,
        version: schedule.version,
        layers: [rotation, ...schedule.layers.slice(1)],
      });
    } else {
      create.mutate({ ...fields, layers: [rotation] });
    }
  };
  const id = (field: string) => `schedule-${schedule?.id ?? "new"}-${field}`;

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="oncall-schedule-editor">
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor={id("name")}>{t("name")}</Label>
          <Input id={id("name")} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={id("zone")}>{t("timezone")}</Label>
          <Input id={id("zone")} value={timezone} onChange={(e) => setTimezone(e.target.value)} required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={id("kind")}>{t("kind")}</Label>
          <select
            id={id("kind")}
            className={SELECT}
            value={kind}
            onChange={(e) => setKind(e.target.value as Layer["kind"])}
          >
            <option value="daily">{t("daily")}</option>
            <option value="weekly">{t("weekly")}</option>
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={id("handoff")}>{t("handoff")}</Label>
          <Input
            id={id("handoff")}
            type="time"
            value={handoff}
            onChange={(e) => setHandoff(e.target.value)}
            required
          />
        </div>
        {kind === "weekly" ? (
          <div className="flex flex-col gap-1">
            <Label htmlFor={id("weekday")}>{t("weekday")}</Label>
            <select
              id={id("weekday")}
              className={SELECT}
              value={weekday}
              onChange={(e) => setWeekday(Number(e.target.value))}
            >
              {WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {t(`weekdays.${day}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <ParticipantsField
        id={id("participants")}
        label={t("participants")}
        hint={t("participantsHint")}
        value={participants}
        onChange={setParticipants}
      />
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {schedule ? t("save") : t("create")}
        </Button>
      </div>
      <FormOutcome error={mutation.error} saved={saved ? t("saved") : null} />
    </form>
  );
}

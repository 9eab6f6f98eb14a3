"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { ScheduleTimeline } from "./types";
import { FormOutcome } from "./form-outcome";

type Shift = ScheduleTimeline["shifts"][number];

const SELECT = "h-9 w-full rounded border border-border bg-surface px-2 text-sm";
const keyOf = (shift: Shift) => `${shift.layerId}@${shift.start.toISOString()}`;

/**
 * Two shifts of one rotation change hands: pick a shift, then another person's shift of the same layer from the
 * next 14 days. A lead may trade any two; anyone else only one of their own (the server says which).
 */
export function SwapEditor({
  scheduleId,
  when,
  myUserId,
}: {
  scheduleId: string;
  when: (date: Date) => string;
  myUserId: string | null;
}) {
  const t = useTranslations("oncall.swap");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [from] = useState(() => new Date());
  const timeline = useQuery(trpc.oncall.timeline.queryOptions({ scheduleId, from, days: 14 }));
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [saved, setSaved] = useState(false);
  const swap = useMutation(
    trpc.oncall.swapShifts.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        setFirst("");
        setSecond("");
        await queryClient.invalidateQueries({ queryKey: trpc.oncall.schedules.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.oncall.timeline.queryKey() });
      },
    }),
  );
  const shifts = timeline.data?.shifts ?? [];
  // One's own shifts first, so a responder finds theirs at the top.
  const ordered = [...shifts].sort(
    (a, b) => Number(b.person.userId === myUserId) - Number(a.person.userId === myUserId),
  );
  const chosen = shifts.find((shift) => keyOf(shift) === first);
  const others = shifts.filter(
    (shift) => chosen && shift.layerId === chosen.layerId && shift.person.userId !== chosen.person.userId,
  );
  const label = (shift: Shift) =>
    `${shift.person.name} · ${when(shift.start)} – ${when(shift.end)}${shifts.some((s) => s.layerId !== shift.layerId) ? ` · ${shift.layerName}` : ""}`;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const other = others.find((shift) => keyOf(shift) === second);
    if (!chosen || !other) return;
    setSaved(false);
    swap.mutate({
      scheduleId,
      layerId: chosen.layerId,
      shiftStart: chosen.start,
      otherShiftStart: other.start,
    });
  };
  const id = (field: string) => `swap-${scheduleId}-${field}`;

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="oncall-swap-editor">
      <h4 className="text-sm font-semibold">{t("heading")}</h4>
      <p className="text-xs text-fg-muted">{t("hint")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor={id("first")}>{t("shift")}</Label>
          <select
            id={id("first")}
            className={SELECT}
            value={first}
            onChange={(e) => {
              setFirst(e.target.value);
              setSecond("");
            }}
            required
          >
            <option value="">{t("choose")}</option>
            {ordered.map((shift) => (
              <option key={keyOf(shift)} value={keyOf(shift)}>
                {label(shift)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor={id("second")}>{t("otherShift")}</Label>
          <select
            id={id("second")}
            className={SELECT}
            value={second}
            onChange={(e) => setSecond(e.target.value)}
            disabled={!chosen}
            required
          >
            <option value="">{t("choose")}</option>
            {others.map((shift) => (
              <option key={keyOf(shift)} value={keyOf(shift)}>
                {label(shift)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={swap.isPending || !first || !second}>
          {t("submit")}
        </Button>
      </div>
      <FormOutcome error={swap.error} saved={saved ? t("saved") : null} />
    </form>
  );
}

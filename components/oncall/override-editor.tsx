"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SinglePersonField, type PersonOption } from "./user-picker";
import { FormOutcome } from "./form-outcome";

/** Someone covers a stretch of a schedule (an override: it wins over the rotation while it lasts). */
export function OverrideEditor({ scheduleId }: { scheduleId: string }) {
  const t = useTranslations("oncall.editor");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [person, setPerson] = useState<PersonOption | null>(null);
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [reason, setReason] = useState("");
  const [saved, setSaved] = useState(false);
  const add = useMutation(
    trpc.oncall.addOverride.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.oncall.schedules.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.oncall.timeline.queryKey() });
      },
    }),
  );
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (person === null) return;
    // datetime-local is the browser's local time: Date reads it as such.
    add.mutate({
      scheduleId,
      userId: person.userId,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      reason,
    });
  };
  const id = (field: string) => `override-${scheduleId}-${field}`;

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="oncall-override-editor">
      <h4 className="text-sm font-semibold">{t("overrideHeading")}</h4>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <SinglePersonField id={id("user")} label={t("overrideUser")} value={person} onChange={setPerson} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={id("start")}>{t("startsAt")}</Label>
          <Input
            id={id("start")}
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
            required
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={id("end")}>{t("endsAt")}</Label>
          <Input
            id={id("end")}
            type="datetime-local"
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
            required
          />
        </div>
        <div className="flex flex-col gap-1 sm:col-span-2">
          <Label htmlFor={id("reason")}>{t("reason")}</Label>
          <Input id={id("reason")} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={add.isPending || person === null}>
          {t("addOverride")}
        </Button>
      </div>
      <FormOutcome error={add.error} saved={saved ? t("overrideSaved") : null} />
    </form>
  );
}

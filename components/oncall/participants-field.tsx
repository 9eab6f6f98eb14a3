"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { UserPicker, usePeople } from "./user-picker";

/** A rotation's people in turn order: listed by name, moved up or removed, added with the searchable picker. */
export function ParticipantsField({
  id,
  label,
  hint,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const t = useTranslations("oncall.picker");
  const people = usePeople(value);
  const moveUp = (index: number) =>
    onChange(
      value.map((userId, i) => (i === index - 1 ? value[index]! : i === index ? value[index - 1]! : userId)),
    );

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">{label}</legend>
      <p className="text-xs text-fg-muted">{hint}</p>
      <ol className="flex flex-col gap-1" data-testid={`${id}-list`}>
        {value.map((userId, index) => (
          <li
            key={userId}
            className="flex flex-wrap items-center gap-2 rounded border border-border px-2 py-1 text-sm"
          >
            <span className="w-5 text-xs text-fg-muted">{index + 1}.</span>
            <span className="min-w-0 flex-1 font-medium break-words">{people.get(userId)?.name ?? "…"}</span>
            {index > 0 ? (
              <Button size="sm" variant="ghost" onClick={() => moveUp(index)}>
                {t("up")}
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" onClick={() => onChange(value.filter((_, i) => i !== index))}>
              {t("remove")}
            </Button>
          </li>
        ))}
      </ol>
      <UserPicker
        id={id}
        label={t("add")}
        exclude={value}
        onPick={(person) => onChange([...value, person.userId])}
      />
    </fieldset>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Field, Select } from "@/components/ui/form-controls";

/** The team a user belongs to, or none; the invite and edit forms share it. */
export function TeamPicker({
  id,
  teams,
  value,
  onChange,
}: {
  id: string;
  teams: readonly { id: string; name: string }[];
  value: string;
  onChange: (teamId: string) => void;
}) {
  const t = useTranslations("security.users");
  return (
    <Field id={id} label={t("team")}>
      {({ id: selectId }) => (
        <Select id={selectId} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t("noTeam")}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

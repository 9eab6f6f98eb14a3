"use client";

import { useTranslations } from "next-intl";
import { ROLES, type Role } from "@/server/auth/permissions";

export function RolePicker({
  value,
  onChange,
  idPrefix,
}: {
  value: Role[];
  onChange: (roles: Role[]) => void;
  idPrefix: string;
}) {
  const t = useTranslations("security.users");
  return (
    <fieldset>
      <legend className="text-sm font-medium">{t("roles")}</legend>
      <div className="mt-1 flex flex-wrap gap-3">
        {ROLES.map((role) => (
          <label key={role} className="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={value.includes(role)}
              data-testid={`${idPrefix}-role-${role}`}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))
              }
            />
            {role}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { Role } from "@/server/auth/permissions";

/** Works in server and client components alike (next-intl's hook supports both). */
export function RoleBadges({ roles, className }: { roles: readonly Role[]; className?: string }) {
  const t = useTranslations("roles");
  const tCommon = useTranslations("common");
  return (
    <ul aria-label={tCommon("rolesLabel")} className={cn("flex flex-wrap gap-1.5", className)}>
      {roles.map((role) => (
        <li key={role}>
          <Badge tone={role === "admin" ? "accent" : "neutral"}>{t(role)}</Badge>
        </li>
      ))}
    </ul>
  );
}

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ActorType } from "@/server/events/types";
import { auditFilterHref } from "./audit-filters";
import type { AuditEntry } from "./audit-types";

const ACTOR_TYPES: readonly ActorType[] = ["user", "api_client", "system"];

function isActorType(value: string): value is ActorType {
  return (ACTOR_TYPES as readonly string[]).includes(value);
}

export function AuditActor({ entry }: { entry: AuditEntry }) {
  const t = useTranslations("admin.audit.actorTypes");
  return (
    <span className="flex min-w-0 items-center gap-2">
      <Badge tone={entry.actorType === "user" ? "accent" : "neutral"}>
        {isActorType(entry.actorType) ? t(entry.actorType) : entry.actorType}
      </Badge>
      {entry.actorName ? <span className="truncate whitespace-nowrap">{entry.actorName}</span> : null}
      {entry.actorId ? (
        <span title={entry.actorId} className="max-w-24 truncate font-mono text-xs text-fg-muted">
          {entry.actorId}
        </span>
      ) : null}
    </span>
  );
}

export function AuditEntity({ entry }: { entry: AuditEntry }) {
  const t = useTranslations("admin.audit");
  const linkClass = "rounded-sm font-mono text-xs hover:text-accent hover:underline";
  return (
    <span className="flex min-w-0 items-center gap-1.5 whitespace-nowrap">
      <Link
        href={auditFilterHref("/admin/audit", { entityType: entry.entityType })}
        aria-label={t("filterByType", { entityType: entry.entityType })}
        className={cn(linkClass, "text-fg-muted")}
      >
        {entry.entityType}
      </Link>
      <span aria-hidden="true" className="text-fg-muted">
        /
      </span>
      <Link
        href={auditFilterHref("/admin/audit", { entityType: entry.entityType, entityId: entry.entityId })}
        aria-label={t("filterByEntity", { entityType: entry.entityType, entityId: entry.entityId })}
        title={entry.entityId}
        className={cn(linkClass, "max-w-48 truncate")}
      >
        {entry.entityId}
      </Link>
    </span>
  );
}

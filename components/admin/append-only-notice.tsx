import { useTranslations } from "next-intl";
import { LockIcon } from "@/components/ui/icons";

export function AppendOnlyNotice() {
  const t = useTranslations("admin.audit");
  return (
    <p
      data-testid="audit-append-only"
      className="mt-3 inline-flex items-center gap-2 rounded-md border border-border bg-surface-muted px-2.5 py-1.5 text-xs text-fg-muted"
    >
      <LockIcon className="size-3.5 shrink-0" />
      {t("appendOnly")}
    </p>
  );
}

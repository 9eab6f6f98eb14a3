import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { LiveStatus } from "./use-live-cities";

const DOT: Record<LiveStatus, string> = {
  live: "bg-success",
  connecting: "bg-warning",
  offline: "bg-danger",
};

/** Whether pushed updates are flowing; announced politely when it changes. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const t = useTranslations("cities.live");
  return (
    <span
      role="status"
      className="inline-flex items-center gap-1.5 text-xs text-fg-muted"
      data-testid="live-status"
      data-status={status}
    >
      <span
        aria-hidden="true"
        className={cn("size-2 rounded-full", DOT[status], status === "live" && "animate-pulse")}
      />
      {t(status)}
    </span>
  );
}

import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { LockIcon } from "@/components/ui/icons";
import { initialsOf } from "./presence-avatars";

interface TimelineCommentProps {
  author: string;
  at: Date;
  body: string;
  /** "requester" is the ticket's own description. */
  visibility: "internal" | "public" | "requester";
  testId?: string;
}

/** A message: public replies and the request read as conversation; internal notes are amber and locked. */
export function TimelineComment({
  author,
  at,
  body,
  visibility,
  testId = "timeline-comment",
}: TimelineCommentProps) {
  const t = useTranslations("tickets.timeline");
  const format = useFormatter();
  const internal = visibility === "internal";
  return (
    <article
      data-testid={testId}
      data-visibility={visibility}
      className={cn(
        "rounded-lg border p-3",
        internal ? "border-warning/40 bg-warning/5" : "border-border bg-surface",
        visibility === "requester" && "bg-surface-muted/60",
      )}
    >
      <header className="mb-1.5 flex flex-wrap items-center gap-2 text-xs">
        <span
          aria-hidden="true"
          className={cn(
            "inline-flex size-6 items-center justify-center rounded-full text-[10px] font-semibold",
            internal ? "bg-warning/15 text-warning" : "bg-accent/15 text-accent",
          )}
        >
          {initialsOf(author)}
        </span>
        <span className="font-medium text-fg">{author}</span>
        <span
          className={cn(
            "inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium",
            internal ? "bg-warning/15 text-warning" : "bg-surface-muted text-fg-muted",
          )}
        >
          {internal ? <LockIcon className="size-3" /> : null}
          {t(`visibility.${visibility}`)}
        </span>
        <time dateTime={at.toISOString()} className="ml-auto text-fg-muted tabular-nums">
          {format.dateTime(at, "medium")}
        </time>
      </header>
      <p className="text-sm leading-6 break-words whitespace-pre-wrap">{body}</p>
    </article>
  );
}

import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

interface ErrorNoticeProps {
  message: string;
  retryLabel?: string;
  onRetry?: () => void;
}

export function ErrorNotice({ message, retryLabel, onRetry }: ErrorNoticeProps) {
  return (
    <div
      role="alert"
      className="flex items-center gap-3 rounded-md border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger"
    >
      <AlertIcon className="size-4 shrink-0" />
      <p className="min-w-0 flex-1">{message}</p>
      {onRetry && retryLabel ? (
        <Button size="sm" onClick={onRetry}>
          {retryLabel}
        </Button>
      ) : null}
    </div>
  );
}

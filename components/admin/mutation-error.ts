import type { TRPCClientErrorLike } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

/** A server error fit to show: AppError messages are written for people; input errors list their fields' messages. */
export function mutationErrorText(error: TRPCClientErrorLike<AppRouter>): string {
  const fieldErrors = error.data?.zodError?.fieldErrors;
  const fieldMessages = fieldErrors ? Object.values(fieldErrors).flat() : [];
  return fieldMessages.length > 0 ? fieldMessages.join(" ") : error.message;
}

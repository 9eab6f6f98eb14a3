import { TRPCClientError } from "@trpc/client";
import { z } from "zod";

// server/api/trpc.ts's errorFormatter: a refused input carries zod's flattened issues, an AppError carries its
// `details` (often `{ field }`) and a message written for people. Both are safe to show; a 5xx or a network
// failure is not (its message may be a stack's first line), so it becomes the caller's fallback.
const errorData = z.object({
  httpStatus: z.number().optional(),
  zodError: z
    .object({
      formErrors: z.array(z.string()),
      fieldErrors: z.record(z.string(), z.array(z.string()).optional()),
    })
    .nullish(),
});

/** `field: message`, unless the contract's message already starts with the field's name. */
function namingField(field: string, message: string): string {
  return message.startsWith(field) ? message : `${field}: ${message}`;
}

/** A refused mutation's reason fit to show to the user, or `fallback` for anything unexpected. */
export function mutationErrorText(error: unknown, fallback: string): string {
  if (!(error instanceof TRPCClientError)) return fallback;
  const data = errorData.safeParse(error.data);
  if (!data.success || (data.data.httpStatus ?? 500) >= 500) return fallback;
  const zodError = data.data.zodError;
  if (!zodError) return error.message;
  const messages = [
    ...zodError.formErrors,
    ...Object.entries(zodError.fieldErrors).flatMap(([field, list = []]) =>
      list.map((message) => namingField(field, message)),
    ),
  ];
  return messages.length > 0 ? messages.join(" ") : error.message;
}

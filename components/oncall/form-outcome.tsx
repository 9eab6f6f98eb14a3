"use client";

import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";

/** Under an on-call form: why the server refused it, or that it was saved. */
export function FormOutcome({ error, saved }: { error: unknown; saved: string | null }) {
  const errorText = useMutationErrorText();
  return (
    <>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {errorText(error)}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-success">
          {saved}
        </p>
      ) : null}
    </>
  );
}

import type { TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import type { AppRouter } from "@/server/api/root";
import { askForStepUp } from "./step-up-store";

// The server's refusals that the console answers itself (server/auth/second-factor.ts): a privileged mutation
// without a fresh second factor prompts for a code and runs again; an account that must enrol goes to its account
// page; a revoked or expired session goes back to sign-in.

const STEP_UP_REQUIRED = "STEP_UP_REQUIRED";
const MFA_ENROLMENT_REQUIRED = "MFA_ENROLMENT_REQUIRED";

interface ErrorData {
  code?: string;
  details?: { reason?: string } | null;
}

function dataOf(error: unknown): ErrorData {
  const data = (error as { data?: ErrorData } | null)?.data;
  return data ?? {};
}

function leaveTo(path: string) {
  if (window.location.pathname !== path.split("?")[0]) window.location.assign(path);
}

export function authLink(): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) => {
        let subscription: Unsubscribable | null = null;
        let stopped = false;
        const attempt = (retried: boolean) => {
          subscription = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              const { code, details } = dataOf(error);
              if (details?.reason === STEP_UP_REQUIRED && op.type === "mutation" && !retried) {
                void askForStepUp().then((confirmed) => {
                  if (stopped) return;
                  if (confirmed) attempt(true);
                  else observer.error(error);
                });
                return;
              }
              if (details?.reason === MFA_ENROLMENT_REQUIRED) leaveTo("/account?enrol=1");
              if (code === "UNAUTHORIZED") {
                const from = `${window.location.pathname}${window.location.search}`;
                leaveTo(`/signin?callbackUrl=${encodeURIComponent(from)}`);
              }
              observer.error(error);
            },
          });
        };
        attempt(false);
        return () => {
          stopped = true;
          subscription?.unsubscribe();
        };
      });
}

"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/form-controls";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { DemoAccounts, type DemoSignIn } from "./demo-accounts";

type Outcome = "ok" | "invalid" | "failed" | "mfa";

// The server's MFA_REQUIRED_ERROR (server/auth/sign-in.ts): the password was right, now the second factor.
const MFA_REQUIRED = "MfaRequired";

async function attemptSignIn(
  email: string,
  password: string,
  code: string,
  callbackUrl: string,
): Promise<Outcome> {
  try {
    const credentials = { redirect: false, email, password, callbackUrl, ...(code ? { code } : {}) };
    const result = await signIn("credentials", credentials);
    if (result?.ok && !result.error) return "ok";
    if (result?.error === MFA_REQUIRED) return "mfa";
    return result?.error === "CredentialsSignin" ? "invalid" : "failed";
  } catch {
    return "failed";
  }
}

interface SignInFormProps {
  /** Already checked to be a same-origin relative path. */
  callbackPath: string;
  demoAccounts: readonly DemoSignIn[];
}

export function SignInForm({ callbackPath, demoAccounts }: SignInFormProps) {
  const t = useTranslations("signIn");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<Exclude<Outcome, "ok" | "mfa"> | null>(null);
  const tMfa = useTranslations("security.signIn");
  const [pending, startTransition] = useTransition();
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const errorId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const outcome = await attemptSignIn(email, password, needsCode ? code : "", callbackPath);
      if (outcome === "ok") {
        // Inside the transition so the button stays busy until the console has rendered.
        startTransition(() => router.replace(callbackPath));
        return;
      }
      if (outcome === "mfa") {
        setNeedsCode(true);
        return;
      }
      setError(outcome);
      if (needsCode) setCode("");
      else passwordRef.current?.select();
    });
  }

  function fill(account: DemoSignIn) {
    setEmail(account.email);
    setPassword(account.password);
    setNeedsCode(false);
    setCode("");
    setError(null);
    submitRef.current?.focus();
  }

  const describedBy = error ? errorId : undefined;

  return (
    <>
      <form onSubmit={submit} className="space-y-4">
        <TextField
          id="email"
          label={t("email")}
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={error === "invalid" || undefined}
          aria-describedby={describedBy}
        />
        <TextField
          id="password"
          label={t("password")}
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={error === "invalid" || undefined}
          aria-describedby={describedBy}
        />

        {needsCode ? (
          <div>
            <Label htmlFor="code">{tMfa("code")}</Label>
            <Input
              id="code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              autoFocus
              required
              maxLength={20}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              aria-invalid={error === "invalid" || undefined}
              aria-describedby={describedBy}
              data-testid="sign-in-code"
            />
            <p className="mt-1 text-xs text-fg-muted">{tMfa("codeHint")}</p>
          </div>
        ) : null}

        {error ? (
          <p
            id={errorId}
            role="alert"
            data-testid="sign-in-error"
            className="flex items-start gap-2 rounded-md border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger"
          >
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            {needsCode && error === "invalid" ? tMfa("invalidCode") : t(error)}
          </p>
        ) : null}

        <Button ref={submitRef} type="submit" variant="primary" disabled={pending} className="w-full">
          {pending ? <Spinner /> : null}
          {pending ? t("submitting") : t("submit")}
        </Button>
      </form>

      {demoAccounts.length > 0 ? (
        <div className="mt-6">
          <DemoAccounts accounts={demoAccounts} onPick={fill} />
        </div>
      ) : null}
    </>
  );
}

"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/form-controls";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { AccountView } from "@/server/users/contract";

/** A person's own security settings: two-step verification, password, and where they are signed in. */
export function AccountSettings({ initialAccount }: { initialAccount: AccountView }) {
  const t = useTranslations("security.account");
  const trpc = useTRPC();
  const account = useQuery({ ...trpc.account.get.queryOptions(), initialData: initialAccount });
  const refresh = () => void account.refetch();
  const data = account.data;
  return (
    <div className="space-y-6">
      {data.mfaRequired && !data.mfaEnabled ? (
        <p
          role="alert"
          className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
          data-testid="mfa-required"
        >
          {t("enrolRequired")}
        </p>
      ) : null}
      <MfaSection account={data} onChange={refresh} />
      <PasswordSection />
      <SessionsSection account={data} onChange={refresh} />
    </div>
  );
}

function MfaSection({ account, onChange }: { account: AccountView; onChange: () => void }) {
  const t = useTranslations("security.account");
  const trpc = useTRPC();
  const [code, setCode] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useMutation(trpc.account.startMfa.mutationOptions());
  const confirm = useMutation(
    trpc.account.confirmMfa.mutationOptions({
      onSuccess: (result) => {
        setRecoveryCodes(result.recoveryCodes);
        start.reset();
        setCode("");
        onChange();
      },
    }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.mutate({ code });
  }
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold">{t("mfaTitle")}</h2>
      <p className="mt-1 text-sm text-fg-muted" data-testid="mfa-status">
        {account.mfaEnabled ? t("mfaOn", { count: account.unusedRecoveryCodes }) : t("mfaOff")}
      </p>
      {start.data ? (
        <form onSubmit={submit} className="mt-4 space-y-3">
          <p className="text-sm">{t("mfaScan")}</p>
          {/* A data: URL made on the server from the otpauth URI; nothing leaves for a QR service. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={start.data.qrDataUrl} alt={start.data.otpauthUri} width={200} height={200} />
          <p className="text-sm">
            {t("mfaSecret")}:{" "}
            <code className="font-mono" data-testid="mfa-secret">
              {start.data.secret}
            </code>
          </p>
          <Label htmlFor="mfa-code">{t("mfaConfirm")}</Label>
          <div className="flex gap-2">
            <Input
              id="mfa-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
              aria-invalid={confirm.isError || undefined}
              data-testid="mfa-code"
            />
            <Button type="submit" variant="primary" disabled={confirm.isPending} data-testid="mfa-confirm">
              {t("mfaConfirm")}
            </Button>
          </div>
          {confirm.error ? (
            <p role="alert" className="text-sm text-danger">
              {confirm.error.message}
            </p>
          ) : null}
        </form>
      ) : (
        <Button
          className="mt-4"
          onClick={() => start.mutate()}
          disabled={start.isPending}
          data-testid="mfa-start"
        >
          {account.mfaEnabled ? t("mfaRestart") : t("mfaStart")}
        </Button>
      )}
      {recoveryCodes ? (
        <div className="mt-4 rounded-md border border-border p-3" data-testid="recovery-codes">
          <h3 className="text-sm font-semibold">{t("recoveryTitle")}</h3>
          <p className="text-xs text-fg-muted">{t("recoveryBody")}</p>
          <ul className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm">
            {recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

function PasswordSection() {
  const t = useTranslations("security.account");
  const trpc = useTRPC();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent("");
        setNew("");
      },
    }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  }
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold">{t("passwordTitle")}</h2>
      <form onSubmit={submit} className="mt-3 space-y-3">
        <TextField
          id="current-password"
          label={t("currentPassword")}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          id="new-password"
          label={t("newPassword")}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={newPassword}
          onChange={(event) => setNew(event.target.value)}
        />
        <Button type="submit" disabled={change.isPending}>
          {t("changePassword")}
        </Button>
        {change.isSuccess ? <p className="text-sm text-fg-muted">{t("passwordChanged")}</p> : null}
        {change.error ? (
          <p role="alert" className="text-sm text-danger">
            {change.error.message}
          </p>
        ) : null}
      </form>
    </Card>
  );
}

function SessionsSection({ account, onChange }: { account: AccountView; onChange: () => void }) {
  const t = useTranslations("security.account");
  const format = useFormatter();
  const trpc = useTRPC();
  const signOutOne = useMutation(trpc.account.signOutSession.mutationOptions({ onSuccess: onChange }));
  const router = useRouter();
  const signOutAll = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({ onSuccess: () => router.replace("/signin") }),
  );
  return (
    <Card className="p-5">
      <div className="flex items-center justify-between">
        <h2 className="text-base font-semibold">{t("sessionsTitle")}</h2>
        <Button
          onClick={() => signOutAll.mutate()}
          disabled={signOutAll.isPending}
          data-testid="sign-out-everywhere"
        >
          {t("signOutEverywhere")}
        </Button>
      </div>
      <ul className="mt-3 divide-y divide-border text-sm">
        {account.sessions.map((session) => (
          <li
            key={session.id}
            className="flex items-center justify-between gap-3 py-2"
            data-testid="account-session"
          >
            <span className="min-w-0">
              <span className="block truncate">{session.userAgent ?? "—"}</span>
              <span className="text-xs text-fg-muted">
                {t("sessionStarted", {
                  at: format.dateTime(session.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                })}
                {session.current ? ` · ${t("thisSession")}` : ""}
              </span>
            </span>
            {session.current ? null : (
              <Button
                onClick={() => signOutOne.mutate({ sessionId: session.id })}
                disabled={signOutOne.isPending}
              >
                {t("signOut")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

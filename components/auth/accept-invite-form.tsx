"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-controls";

export function AcceptInviteForm({ token }: { token: string }) {
  const t = useTranslations("security.invite");
  const trpc = useTRPC();
  const [password, setPassword] = useState("");
  const accept = useMutation(trpc.account.acceptInvite.mutationOptions());
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    accept.mutate({ token, password });
  }
  if (accept.isSuccess) {
    return (
      <p className="text-sm" data-testid="invite-done">
        {t("done")}{" "}
        <Link href="/signin" className="underline">
          {t("signIn")}
        </Link>
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      <TextField
        id="invite-password"
        label={t("password")}
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {accept.error ? (
        <p role="alert" className="text-sm text-danger">
          {accept.error.message}
        </p>
      ) : null}
      <Button
        type="submit"
        variant="primary"
        disabled={accept.isPending}
        className="w-full"
        data-testid="invite-accept"
      >
        {t("submit")}
      </Button>
    </form>
  );
}

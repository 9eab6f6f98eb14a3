"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/form-controls";
import type { Role } from "@/server/auth/permissions";
import type { UserView } from "@/server/users/contract";
import { RolePicker } from "./role-picker";
import { TeamPicker } from "./team-picker";
import { UserEditor, type UserAdminOptions } from "./user-editor";

/** Admin → Users: invitations, roles, team and routing inputs, deactivation and MFA reset (each needs step-up). */
export function UsersManager({
  initialUsers,
  options,
}: {
  initialUsers: UserView[];
  options: UserAdminOptions;
}) {
  const t = useTranslations("security.users");
  const trpc = useTRPC();
  const users = useQuery({ ...trpc.users.list.queryOptions(), initialData: initialUsers });
  const refresh = () => void users.refetch();
  const [editing, setEditing] = useState<string | null>(null);
  const act = { onSuccess: refresh };
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions(act));
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions(act));
  const resetMfa = useMutation(trpc.users.resetMfa.mutationOptions(act));
  const error = deactivate.error ?? reactivate.error ?? resetMfa.error;

  return (
    <div className="space-y-6">
      <InviteForm options={options} onInvited={refresh} />
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error.message}
        </p>
      ) : null}
      <Card className="divide-y divide-border">
        {users.data.map((user) => (
          <div key={user.id} className="p-4" data-testid="user-row" data-email={user.email}>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium">{user.name}</p>
                <p className="text-sm text-fg-muted">
                  {user.email} · {user.roles.join(", ")} · {user.team?.name ?? t("noTeam")}
                </p>
                <p className="text-xs text-fg-muted" data-testid="user-status">
                  {t(`status.${user.status}`)} · {t("mfa")}: {user.mfaEnabled ? "✓" : "—"} · {t("sessions")}:{" "}
                  {user.openSessions}
                  {user.agentProfile ? ` · ${t("capacity")}: ${user.agentProfile.capacity}` : ""}
                </p>
              </div>
              <div className="flex gap-2">
                <Button
                  onClick={() => setEditing(editing === user.id ? null : user.id)}
                  data-testid="user-edit"
                >
                  {t("edit")}
                </Button>
                {user.mfaEnabled ? (
                  <Button onClick={() => resetMfa.mutate({ id: user.id })} data-testid="user-reset-mfa">
                    {t("resetMfa")}
                  </Button>
                ) : null}
                {user.status === "deactivated" ? (
                  <Button onClick={() => reactivate.mutate({ id: user.id })} data-testid="user-reactivate">
                    {t("reactivate")}
                  </Button>
                ) : (
                  <Button onClick={() => deactivate.mutate({ id: user.id })} data-testid="user-deactivate">
                    {t("deactivate")}
                  </Button>
                )}
              </div>
            </div>
            {editing === user.id ? (
              <UserEditor
                user={user}
                options={options}
                onDone={() => {
                  setEditing(null);
                  refresh();
                }}
              />
            ) : null}
          </div>
        ))}
      </Card>
    </div>
  );
}

function InviteForm({ options, onInvited }: { options: UserAdminOptions; onInvited: () => void }) {
  const t = useTranslations("security.users");
  const format = useFormatter();
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["support_agent"]);
  const [teamId, setTeamId] = useState<string>("");
  const invite = useMutation(trpc.users.invite.mutationOptions({ onSuccess: onInvited }));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    invite.mutate({ email, name, roles, teamId: teamId || null });
  }
  const link = invite.data ? `${window.location.origin}${invite.data.invitePath}` : null;
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold">{t("invite")}</h2>
      <form onSubmit={submit} className="mt-3 grid gap-3 sm:grid-cols-2">
        <TextField
          id="invite-email"
          label={t("email")}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          id="invite-name"
          label={t("name")}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <RolePicker value={roles} onChange={setRoles} idPrefix="invite" />
        <TeamPicker id="invite-team" teams={options.teams} value={teamId} onChange={setTeamId} />
        <div className="sm:col-span-2">
          <Button type="submit" variant="primary" disabled={invite.isPending} data-testid="invite-submit">
            {t("send")}
          </Button>
        </div>
      </form>
      {invite.error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {invite.error.message}
        </p>
      ) : null}
      {invite.data && link ? (
        <p className="mt-3 text-sm">
          {t("inviteLink", {
            at: format.dateTime(invite.data.expiresAt, { dateStyle: "medium", timeStyle: "short" }),
          })}{" "}
          <code className="break-all font-mono" data-testid="invite-link">
            {link}
          </code>
        </p>
      ) : null}
    </Card>
  );
}

import { z } from "zod";
import { enrollingProcedure, protectedProcedure, publicProcedure, router } from "../trpc.ts";
import { systemContext } from "../../lib/service-context.ts";
import {
  acceptInviteInput,
  accountView,
  changePasswordInput,
  codeInput,
  mfaEnrolment,
  recoveryCodes,
  sessionIdInput,
} from "../../users/contract.ts";
import {
  acceptInvite,
  changePassword,
  confirmMfaEnrolment,
  getAccount,
  signOutSessions,
  startMfaEnrolment,
  verifyStepUp,
} from "../../users/account-service.ts";

// The signed-in person's own account. Enrolment, step-up and the overview stay open to an admin who has not
// enrolled yet (enrollingProcedure); the rest needs the account in order first.

const caller = (ctx: {
  service: Parameters<typeof getAccount>[1]["context"];
  session?: { id: string } | null;
}) => ({
  context: ctx.service,
  sessionId: ctx.session?.id ?? null,
});

export const accountRouter = router({
  get: enrollingProcedure.output(accountView).query(({ ctx }) => getAccount(ctx.db, caller(ctx))),
  startMfa: enrollingProcedure
    .output(mfaEnrolment)
    .mutation(({ ctx }) => startMfaEnrolment(ctx.db, caller(ctx))),
  confirmMfa: enrollingProcedure
    .input(codeInput)
    .output(recoveryCodes)
    .mutation(({ ctx, input }) => confirmMfaEnrolment(ctx.db, caller(ctx), input.code)),
  verifyStepUp: enrollingProcedure
    .input(codeInput)
    .output(z.object({ validUntil: z.date() }))
    .mutation(({ ctx, input }) => verifyStepUp(ctx.db, caller(ctx), input.code)),
  changePassword: protectedProcedure
    .input(changePasswordInput)
    .output(z.void())
    .mutation(({ ctx, input }) => changePassword(ctx.db, caller(ctx), input)),
  signOutSession: enrollingProcedure
    .input(sessionIdInput)
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(({ ctx, input }) => signOutSessions(ctx.db, caller(ctx), input.sessionId)),
  signOutEverywhere: enrollingProcedure
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(({ ctx }) => signOutSessions(ctx.db, caller(ctx))),
  /** The invited person sets a password with the one-time link (not signed in yet). */
  acceptInvite: publicProcedure
    .input(acceptInviteInput)
    .output(z.object({ accepted: z.boolean() }))
    .mutation(({ ctx, input }) =>
      acceptInvite(ctx.db, systemContext("invite", { correlationId: ctx.correlationId }), input),
    ),
});

import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import {
  invitation,
  inviteUserInput,
  updateUserInput,
  userAdminOptions as userAdminOptionsView,
  userIdInput,
  userView,
} from "../../users/contract.ts";
import {
  deactivateUser,
  inviteUser,
  listUsers,
  newInviteLink,
  reactivateUser,
  resetUserMfa,
  updateUser,
  userAdminOptions,
} from "../../users/service.ts";

// Users and roles (Admin → Users). Every change is a step-up operation (auth/permissions.ts).
const manage = permissionProcedure("users:manage");

export const usersRouter = router({
  list: manage.output(z.array(userView)).query(({ ctx }) => listUsers(ctx.db, ctx.service)),
  options: manage.output(userAdminOptionsView).query(({ ctx }) => userAdminOptions(ctx.db, ctx.service)),
  invite: manage
    .input(inviteUserInput)
    .output(invitation)
    .mutation(({ ctx, input }) => inviteUser(ctx.db, ctx.service, input)),
  newInviteLink: manage
    .input(userIdInput)
    .output(invitation)
    .mutation(({ ctx, input }) => newInviteLink(ctx.db, ctx.service, input)),
  update: manage
    .input(updateUserInput)
    .output(userView)
    .mutation(({ ctx, input }) => updateUser(ctx.db, ctx.service, input)),
  deactivate: manage
    .input(userIdInput)
    .output(userView)
    .mutation(({ ctx, input }) => deactivateUser(ctx.db, ctx.service, input)),
  reactivate: manage
    .input(userIdInput)
    .output(userView)
    .mutation(({ ctx, input }) => reactivateUser(ctx.db, ctx.service, input)),
  resetMfa: manage
    .input(userIdInput)
    .output(userView)
    .mutation(({ ctx, input }) => resetUserMfa(ctx.db, ctx.service, input)),
});

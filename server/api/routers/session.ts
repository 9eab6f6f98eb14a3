import { protectedProcedure, router } from "../trpc.ts";
import { permissionsOf } from "../../auth/permissions.ts";

export const sessionRouter = router({
  me: protectedProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    name: ctx.user.name,
    email: ctx.user.email,
    roles: ctx.user.roles,
    permissions: [...permissionsOf(ctx.user.roles, ctx.user.permissions)],
  })),
});

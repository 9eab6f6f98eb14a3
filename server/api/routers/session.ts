import { z } from "zod";
import { protectedProcedure, router } from "../trpc.ts";
import { PERMISSIONS, permissionsOf, ROLES } from "../../auth/permissions.ts";

const me = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** Everything the roles and the personal grants allow, resolved on the server. */
  permissions: z.array(z.enum(PERMISSIONS)),
});

export const sessionRouter = router({
  me: protectedProcedure.output(me).query(({ ctx }) => ({
    id: ctx.user.id,
    name: ctx.user.name,
    email: ctx.user.email,
    roles: ctx.user.roles,
    permissions: [...permissionsOf(ctx.user.roles, ctx.user.permissions)],
  })),
});

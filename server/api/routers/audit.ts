import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import { listAuditEntries } from "../../audit/repository.ts";

export const auditListInput = z.object({
  entityType: z.string().min(1).max(64).optional(),
  entityId: z.string().min(1).max(128).optional(),
  // null (an infinite query's first page) and undefined both mean "from the newest".
  cursor: z.string().regex(/^\d+$/, "cursor must be a sequence number").nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const auditRouter = router({
  list: permissionProcedure("audit:read")
    .input(auditListInput)
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, {
        entityType: input.entityType,
        entityId: input.entityId,
        before: input.cursor == null ? undefined : BigInt(input.cursor),
        limit: input.limit,
      }),
    ),
});

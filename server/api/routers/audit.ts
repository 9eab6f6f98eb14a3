import { permissionProcedure, router } from "../trpc.ts";
import { auditListInput, auditPage } from "../../audit/contract.ts";
import { listAuditEntries } from "../../audit/queries.ts";

export const auditRouter = router({
  list: permissionProcedure("audit:read")
    .input(auditListInput)
    .output(auditPage)
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, {
        entityType: input.entityType,
        entityId: input.entityId,
        before: input.cursor == null ? undefined : BigInt(input.cursor),
        limit: input.limit,
      }),
    ),
});

import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { InputJsonObject } from "../db/json.ts";

/**
 * An audit entry with no domain event behind it (a sign-in lockout happens outside any domain transaction).
 * Its place in the hash chain is set by the AuditLog_chain trigger, as for every other insert.
 */
export async function appendAuditEntry(
  db: Db,
  entry: {
    actorType: "user" | "api_client" | "system";
    actorId: string | null;
    action: string;
    entityType: string;
    entityId: string;
    correlationId?: string;
    details: InputJsonObject;
  },
): Promise<void> {
  await db.auditLog.create({
    data: { ...entry, correlationId: entry.correlationId ?? randomUUID() },
  });
}

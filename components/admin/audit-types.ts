import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type AuditPage = inferRouterOutputs<AppRouter>["audit"]["list"];
export type AuditEntry = AuditPage["items"][number];

import { readinessResponse } from "@/server/ops/health";

export const dynamic = "force-dynamic";

export const GET = readinessResponse;

import { readinessResponse } from "@/server/ops/health";

export const dynamic = "force-dynamic";

// Kept as readiness for callers of the original path (`npm start` and Playwright wait on it).
export const GET = readinessResponse;

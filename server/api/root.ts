import { createCallerFactory, router } from "./trpc.ts";
import { sessionRouter } from "./routers/session.ts";
import { auditRouter } from "./routers/audit.ts";

export const appRouter = router({
  session: sessionRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

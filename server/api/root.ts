import { createCallerFactory, router } from "./trpc.ts";
import { sessionRouter } from "./routers/session.ts";

export const appRouter = router({
  session: sessionRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

import { createCallerFactory, router } from "./trpc.ts";
import { sessionRouter } from "./routers/session.ts";
import { auditRouter } from "./routers/audit.ts";
import { liveRouter } from "./routers/live.ts";
import { ticketsRouter } from "./routers/tickets.ts";
import { apiClientsRouter } from "./routers/api-clients.ts";
import { riskRouter } from "./routers/risk.ts";
import { citiesRouter } from "./routers/cities.ts";
import { alertsRouter } from "./routers/alerts.ts";
import { backboneRouter } from "./routers/backbone.ts";
import { usersRouter } from "./routers/users.ts";
import { accountRouter } from "./routers/account.ts";
import { hubRouter } from "./routers/hub.ts";
import { notificationsRouter } from "./routers/notifications.ts";
import { oncallRouter } from "./routers/oncall.ts";
import { reportsRouter } from "./routers/reports.ts";
import { workflowsRouter } from "./routers/workflows.ts";
import { incidentsRouter } from "./routers/incidents.ts";

export const appRouter = router({
  session: sessionRouter,
  audit: auditRouter,
  live: liveRouter,
  tickets: ticketsRouter,
  apiClients: apiClientsRouter,
  risk: riskRouter,
  cities: citiesRouter,
  alerts: alertsRouter,
  backbone: backboneRouter,
  users: usersRouter,
  account: accountRouter,
  hub: hubRouter,
  notifications: notificationsRouter,
  oncall: oncallRouter,
  reports: reportsRouter,
  workflows: workflowsRouter,
  incidents: incidentsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

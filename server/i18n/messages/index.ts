import enShell from "./en/shell.json";
import jaShell from "./ja/shell.json";
import enOncall from "./en/oncall.json";
import jaOncall from "./ja/oncall.json";
import enAdmin from "./en/admin.json";
import jaAdmin from "./ja/admin.json";
import enTickets from "./en/tickets.json";
import jaTickets from "./ja/tickets.json";
import enRisk from "./en/risk.json";
import jaRisk from "./ja/risk.json";
import enCities from "./en/cities.json";
import jaCities from "./ja/cities.json";
import enSecurity from "./en/security.json";
import jaSecurity from "./ja/security.json";
import enHub from "./en/hub.json";
import jaHub from "./ja/hub.json";
import enNotifications from "./en/notifications.json";
import jaNotifications from "./ja/notifications.json";
import enReports from "./en/reports.json";
import jaReports from "./ja/reports.json";
import enRetention from "./en/retention.json";
import jaRetention from "./ja/retention.json";
import enWorkflows from "./en/workflows.json";
import jaWorkflows from "./ja/workflows.json";
import enIncidents from "./en/incidents.json";
import jaIncidents from "./ja/incidents.json";

// One JSON file per area and language (so areas can be worked on independently), merged into one catalogue.
export const MESSAGES = {
  en: {
    ...enShell,
    ...enOncall,
    ...enAdmin,
    ...enRisk,
    ...enTickets,
    ...enCities,
    ...enHub,
    ...enNotifications,
    ...enSecurity,
    ...enRetention,
    ...enReports,
    ...enWorkflows,
    ...enIncidents,
  },
  ja: {
    ...jaShell,
    ...jaOncall,
    ...jaAdmin,
    ...jaRisk,
    ...jaTickets,
    ...jaCities,
    ...jaHub,
    ...jaNotifications,
    ...jaSecurity,
    ...jaRetention,
    ...jaReports,
    ...jaWorkflows,
    ...jaIncidents,
  },
};

export type AppMessages = typeof MESSAGES.en;

import enShell from "./en/shell.json";
import jaShell from "./ja/shell.json";
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

// One JSON file per area and language (so areas can be worked on independently), merged into one catalogue.
export const MESSAGES = {
  en: { ...enShell, ...enAdmin, ...enRisk, ...enTickets, ...enCities, ...enHub, ...enSecurity },
  ja: { ...jaShell, ...jaAdmin, ...jaRisk, ...jaTickets, ...jaCities, ...jaHub, ...jaSecurity },
};

export type AppMessages = typeof MESSAGES.en;

import enShell from "./en/shell.json";
import jaShell from "./ja/shell.json";
import enAdmin from "./en/admin.json";
import jaAdmin from "./ja/admin.json";

// One JSON file per area and language (so areas can be worked on independently), merged into one catalogue.
export const MESSAGES = {
  en: { ...enShell, ...enAdmin },
  ja: { ...jaShell, ...jaAdmin },
};

export type AppMessages = typeof MESSAGES.en;

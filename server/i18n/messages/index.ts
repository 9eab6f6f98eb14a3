import enShell from "./en/shell.json";
import jaShell from "./ja/shell.json";

// One JSON file per area and language (so areas can be worked on independently), merged into one catalogue.
export const MESSAGES = {
  en: { ...enShell },
  ja: { ...jaShell },
};

export type AppMessages = typeof MESSAGES.en;

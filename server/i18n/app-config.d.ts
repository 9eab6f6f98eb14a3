import type { formats } from "./formats.ts";
import type { AppMessages } from "./messages/index.ts";
import type { Locale } from "./locales.ts";

// Message keys, locales and date format names are checked at compile time (useTranslations, useFormatter and
// their server twins).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: AppMessages;
    Formats: typeof formats;
  }
}

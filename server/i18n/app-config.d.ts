import type { AppMessages } from "./messages/index.ts";
import type { Locale } from "./locales.ts";

// Message keys and locales are checked at compile time in useTranslations/getTranslations.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: AppMessages;
  }
}

import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { formats } from "./formats.ts";
import { MESSAGES } from "./messages/index.ts";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "./locales.ts";

// Cities default to Asia/Tokyo; one fixed zone also keeps server and browser renders identical.
const DISPLAY_TIME_ZONE = "Asia/Tokyo";

async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: MESSAGES[locale], timeZone: DISPLAY_TIME_ZONE, formats };
});

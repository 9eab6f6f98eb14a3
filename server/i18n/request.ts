import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import type { Messages } from "next-intl";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "./locales.ts";

// Cities default to Asia/Tokyo; one fixed zone also keeps server and browser renders identical.
const DISPLAY_TIME_ZONE = "Asia/Tokyo";

const loadMessages: Record<Locale, () => Promise<Messages>> = {
  en: async () => (await import("./messages/en.json")).default,
  ja: async () => (await import("./messages/ja.json")).default,
};

async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages[locale](), timeZone: DISPLAY_TIME_ZONE };
});

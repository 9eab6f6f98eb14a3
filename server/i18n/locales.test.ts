import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages/index.ts";
import { isLocale, localeFromAcceptLanguage } from "./locales.ts";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("localeFromAcceptLanguage", () => {
  it("returns null without a header or a supported language", () => {
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage("")).toBeNull();
    expect(localeFromAcceptLanguage("fr-FR,de;q=0.8")).toBeNull();
  });

  it("matches on the primary subtag", () => {
    expect(localeFromAcceptLanguage("ja-JP")).toBe("ja");
    expect(localeFromAcceptLanguage("EN-gb")).toBe("en");
  });

  it("honours q-weights, then header order", () => {
    expect(localeFromAcceptLanguage("en;q=0.5,ja;q=0.9")).toBe("ja");
    expect(localeFromAcceptLanguage("fr,ja,en")).toBe("ja");
    expect(localeFromAcceptLanguage("ja;q=0,en;q=0.1")).toBe("en");
  });
});

describe("messages", () => {
  const { en, ja } = MESSAGES;

  it("has the same keys in every language", () => {
    expect(keysOf(ja).sort()).toEqual(keysOf(en).sort());
  });

  it("has no empty strings", () => {
    for (const messages of [en, ja]) {
      const values = JSON.stringify(messages);
      expect(values).not.toContain('""');
    }
  });
});

describe("isLocale", () => {
  it("accepts only supported locales", () => {
    expect(isLocale("ja")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

import type { Locale, NotificationAction, OutgoingMessage, Severity } from "./types.ts";

// What a person reads, in their language: a first line saying what happened and how urgent, and the link back.

const SEVERITY_LABEL: Record<Locale, Record<Severity, string>> = {
  en: { critical: "Critical", high: "High", warning: "Warning", info: "Info" },
  ja: { critical: "緊急", high: "高", warning: "警告", info: "情報" },
};

const ACTION_PREFIX: Record<Locale, Record<NotificationAction, string>> = {
  en: { trigger: "", acknowledge: "Acknowledged: ", resolve: "Resolved: " },
  ja: { trigger: "", acknowledge: "確認済み: ", resolve: "解決済み: " },
};

const OPEN_LABEL: Record<Locale, string> = { en: "Open in the console", ja: "コンソールで開く" };

export function headline(message: OutgoingMessage, locale: Locale): string {
  return `${ACTION_PREFIX[locale][message.action]}[${SEVERITY_LABEL[locale][message.severity]}] ${message.title}`;
}

export const openLabel = (locale: Locale): string => OPEN_LABEL[locale];

/** A console path as an absolute link, under the configured base URL. */
export function consoleUrl(baseUrl: string, path: string): string {
  return new URL(path, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
}

export function plainText(message: OutgoingMessage, locale: Locale): string {
  return `${headline(message, locale)}\n\n${openLabel(locale)}: ${message.url}\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export function html(message: OutgoingMessage, locale: Locale): string {
  return [
    `<!doctype html><html lang="${locale}"><body>`,
    `<p><strong>${escapeHtml(headline(message, locale))}</strong></p>`,
    `<p><a href="${escapeHtml(message.url)}">${escapeHtml(openLabel(locale))}</a></p>`,
    `</body></html>`,
  ].join("");
}

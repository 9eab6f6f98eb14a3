import type { z } from "zod";
import type { profileView } from "./detail-contract.ts";
import type { RiskSubjectType } from "./types.ts";

// Masking for RiskSubjectProfile, applied server-side before a profile leaves the API unless the
// viewer holds pii:view. Every mask fails closed: input it cannot parse is hidden entirely.

const HIDDEN = "***";
const DOT = "•";

/** "taro.yamada@example.jp" → "t***@example.jp". The domain stays: it tells disposable mail apart. */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (at < 1 || domain === "") return HIDDEN;
  const [first = ""] = Array.from(local);
  return `${first}${HIDDEN}@${domain}`;
}

/** "090-1234-5678" → "•••-••••-5678": keeps the layout and the last four digits only. */
export function maskPhone(phone: string): string {
  const digitCount = phone.replace(/\D/g, "").length;
  if (digitCount < 7) return phone.replace(/\d/g, DOT);
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    seen += 1;
    return seen > digitCount - 4 ? digit : DOT;
  });
}

/**
 * The last four card digits are treated as PII: together with a name they are a common
 * verification factor in social-engineering calls. Shown only when permitted, and then only
 * the last four digits of whatever is stored, in case a longer number slipped into the column.
 */
export function maskCard(cardLast4: string | null, canViewPii: boolean): string | null {
  if (cardLast4 === null) return null;
  const digits = cardLast4.replace(/\D/g, "");
  if (!canViewPii || digits.length < 4) return `${DOT.repeat(4)} ${DOT.repeat(4)}`;
  return `${DOT.repeat(4)} ${digits.slice(-4)}`;
}

const PREFECTURE = /^(東京都|北海道|(?:京都|大阪)府|[^\s\d０-９]{2,3}県)/;
const MUNICIPALITY_END = new Set(["市", "区", "町", "村"]);
const MAX_MUNICIPALITY_LENGTH = 10;

function municipality(rest: string): string {
  const chars = Array.from(rest.slice(0, MAX_MUNICIPALITY_LENGTH + 1));
  for (let i = 1; i < chars.length; i++) {
    const c = chars[i] ?? "";
    if (/[\s\d０-９-]/.test(c)) return "";
    if (c === "郡") {
      const end = chars.findIndex((d, j) => j > i + 1 && (d === "町" || d === "村"));
      return end === -1 ? "" : chars.slice(0, end + 1).join("");
    }
    if (MUNICIPALITY_END.has(c)) {
      // "四日市市", "廿日市市": the first 市 is part of the name.
      const end = c === "市" && chars[i + 1] === "市" ? i + 1 : i;
      return chars.slice(0, end + 1).join("");
    }
  }
  return "";
}

/**
 * Keeps the prefecture and the municipality (city, Tokyo ward, or district + town/village):
 * "大阪府大阪市北区梅田1-2-3" → "大阪府大阪市", "東京都渋谷区神南1-2-3" → "東京都渋谷区".
 */
export function maskAddress(address: string): string {
  const trimmed = address
    .trim()
    .replace(/^〒?\s*\d{3}-?\d{4}\s*/, "")
    .trim();
  const prefecture = PREFECTURE.exec(trimmed)?.[1];
  if (prefecture === undefined) {
    const city = municipality(trimmed);
    return city === "" ? HIDDEN : city;
  }
  return prefecture + municipality(trimmed.slice(prefecture.length));
}

/** "山田 太郎" → "山* 太*": enough to tell two people apart on screen, not to identify them. */
export function maskName(name: string): string {
  const parts = name
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean);
  if (parts.length === 0) return HIDDEN;
  return parts.map((part) => `${Array.from(part)[0] ?? ""}*`).join(" ");
}

export interface SubjectProfile {
  subjectType: RiskSubjectType;
  subjectId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  cardLast4: string | null;
  address: string | null;
}

/** A profile as it leaves the API: masked unless the viewer may see personal data. */
export type ProfileView = z.output<typeof profileView>;

const mapNullable = (value: string | null, mask: (v: string) => string) =>
  value === null ? null : mask(value);

/**
 * Restaurants' names and addresses are their public storefront and stay visible; orders are
 * named by reference. People (consumers, couriers) and every contact detail are masked.
 */
export function maskProfile(profile: SubjectProfile, canViewPii: boolean): ProfileView {
  const card = maskCard(profile.cardLast4, canViewPii);
  const base = { subjectType: profile.subjectType, subjectId: profile.subjectId, card };
  if (canViewPii) {
    const { displayName, email, phone, address } = profile;
    return { ...base, displayName, email, phone, address, masked: false };
  }
  const isPerson = profile.subjectType === "consumer" || profile.subjectType === "courier";
  return {
    ...base,
    displayName: isPerson ? maskName(profile.displayName) : profile.displayName,
    email: mapNullable(profile.email, maskEmail),
    phone: mapNullable(profile.phone, maskPhone),
    address:
      profile.subjectType === "restaurant" ? profile.address : mapNullable(profile.address, maskAddress),
    masked: true,
  };
}

import type { TicketCategory } from "../db/generated/enums.ts";

// Fixed reference data for the demo: cities, the business calendar and the support teams.

export interface CitySeed {
  code: string;
  name: string;
  nameJa: string;
  latitude: number;
  longitude: number;
  /** Relative order volume, Tokyo = 1. */
  size: number;
  prefecture: string;
  districts: readonly string[];
}

export const CITIES: readonly CitySeed[] = [
  {
    code: "TYO",
    name: "Tokyo",
    nameJa: "東京",
    latitude: 35.6812,
    longitude: 139.7671,
    size: 1,
    prefecture: "東京都",
    districts: ["渋谷区神南", "新宿区西新宿", "港区六本木", "世田谷区三軒茶屋", "品川区大崎"],
  },
  {
    code: "OSA",
    name: "Osaka",
    nameJa: "大阪",
    latitude: 34.7025,
    longitude: 135.4959,
    size: 0.62,
    prefecture: "大阪府大阪市",
    districts: ["北区梅田", "中央区難波", "西区江戸堀", "天王寺区上本町"],
  },
  {
    code: "NGO",
    name: "Nagoya",
    nameJa: "名古屋",
    latitude: 35.1709,
    longitude: 136.8815,
    size: 0.38,
    prefecture: "愛知県名古屋市",
    districts: ["中区栄", "中村区名駅", "千種区今池"],
  },
  {
    code: "FUK",
    name: "Fukuoka",
    nameJa: "福岡",
    latitude: 33.5902,
    longitude: 130.4207,
    size: 0.32,
    prefecture: "福岡県福岡市",
    districts: ["博多区博多駅前", "中央区天神", "早良区西新"],
  },
  {
    code: "SPK",
    name: "Sapporo",
    nameJa: "札幌",
    latitude: 43.0687,
    longitude: 141.3508,
    size: 0.3,
    prefecture: "北海道札幌市",
    districts: ["中央区大通西", "北区北七条西", "豊平区平岸"],
  },
  {
    code: "SDJ",
    name: "Sendai",
    nameJa: "仙台",
    latitude: 38.2601,
    longitude: 140.8824,
    size: 0.2,
    prefecture: "宮城県仙台市",
    districts: ["青葉区一番町", "宮城野区榴岡", "若林区荒町"],
  },
];

export const BUSINESS_CALENDAR = {
  name: "jp-business",
  timezone: "Asia/Tokyo",
  dayStartMin: 9 * 60,
  dayEndMin: 18 * 60,
  workDays: [1, 2, 3, 4, 5],
} as const;

// 国民の祝日 2026–2027, including substitute (振替休日) and sandwiched (国民の休日) days.
export const JAPANESE_HOLIDAYS: readonly (readonly [date: string, name: string])[] = [
  ["2026-01-01", "元日"],
  ["2026-01-12", "成人の日"],
  ["2026-02-11", "建国記念の日"],
  ["2026-02-23", "天皇誕生日"],
  ["2026-03-20", "春分の日"],
  ["2026-04-29", "昭和の日"],
  ["2026-05-03", "憲法記念日"],
  ["2026-05-04", "みどりの日"],
  ["2026-05-05", "こどもの日"],
  ["2026-05-06", "振替休日"],
  ["2026-07-20", "海の日"],
  ["2026-08-11", "山の日"],
  ["2026-09-21", "敬老の日"],
  ["2026-09-22", "国民の休日"],
  ["2026-09-23", "秋分の日"],
  ["2026-10-12", "スポーツの日"],
  ["2026-11-03", "文化の日"],
  ["2026-11-23", "勤労感謝の日"],
  ["2027-01-01", "元日"],
  ["2027-01-11", "成人の日"],
  ["2027-02-11", "建国記念の日"],
  ["2027-02-23", "天皇誕生日"],
  ["2027-03-21", "春分の日"],
  ["2027-03-22", "振替休日"],
  ["2027-04-29", "昭和の日"],
  ["2027-05-03", "憲法記念日"],
  ["2027-05-04", "みどりの日"],
  ["2027-05-05", "こどもの日"],
  ["2027-07-19", "海の日"],
  ["2027-08-11", "山の日"],
  ["2027-09-20", "敬老の日"],
  ["2027-09-23", "秋分の日"],
  ["2027-10-11", "スポーツの日"],
  ["2027-11-03", "文化の日"],
  ["2027-11-23", "勤労感謝の日"],
];

export type TeamKey = "consumer" | "restaurant" | "courier";

export interface TeamSeed {
  key: TeamKey;
  name: string;
  nameJa: string;
  categories: readonly TicketCategory[];
  agentCount: number;
}

export const TEAMS: readonly TeamSeed[] = [
  {
    key: "consumer",
    name: "Consumer Support",
    nameJa: "カスタマーサポート",
    agentCount: 20,
    categories: [
      "order_issue",
      "delivery_delay",
      "missing_item",
      "refund_request",
      "payment",
      "account_access",
    ],
  },
  {
    key: "restaurant",
    name: "Restaurant Partner Support",
    nameJa: "加盟店サポート",
    agentCount: 9,
    categories: ["restaurant_onboarding", "menu_update", "order_issue", "payment", "account_access"],
  },
  {
    key: "courier",
    name: "Courier Partner Support",
    nameJa: "配達パートナーサポート",
    agentCount: 11,
    categories: ["courier_payout", "courier_safety", "delivery_delay", "account_access", "payment"],
  },
];

/** Shifts in minutes after local midnight. */
export const SHIFTS: readonly (readonly [start: number, end: number])[] = [
  [8 * 60, 17 * 60],
  [10 * 60, 19 * 60],
  [14 * 60, 23 * 60],
];

export const SHIFT_WORK_DAYS: readonly (readonly number[])[] = [
  [1, 2, 3, 4, 5],
  [2, 3, 4, 5, 6],
  [3, 4, 5, 6, 7],
  [1, 2, 5, 6, 7],
];

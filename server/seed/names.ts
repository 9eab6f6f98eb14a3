import type { Rng } from "./random.ts";

// Fake people and shops for the demo. Any resemblance to real persons is coincidental.

export const SURNAMES: readonly (readonly [romaji: string, kanji: string])[] = [
  ["Sato", "佐藤"],
  ["Suzuki", "鈴木"],
  ["Takahashi", "高橋"],
  ["Ito", "伊藤"],
  ["Yamamoto", "山本"],
  ["Kobayashi", "小林"],
  ["Kato", "加藤"],
  ["Yoshida", "吉田"],
  ["Yamada", "山田"],
  ["Sasaki", "佐々木"],
  ["Yamaguchi", "山口"],
  ["Matsumoto", "松本"],
  ["Inoue", "井上"],
  ["Kimura", "木村"],
  ["Hayashi", "林"],
  ["Shimizu", "清水"],
  ["Saito", "斎藤"],
  ["Mori", "森"],
  ["Ikeda", "池田"],
  ["Hashimoto", "橋本"],
  ["Abe", "阿部"],
  ["Ishikawa", "石川"],
  ["Ogawa", "小川"],
  ["Okada", "岡田"],
  ["Goto", "後藤"],
  ["Fujita", "藤田"],
  ["Murakami", "村上"],
  ["Endo", "遠藤"],
  ["Aoki", "青木"],
  ["Nishimura", "西村"],
];

export const GIVEN_NAMES: readonly (readonly [romaji: string, kanji: string])[] = [
  ["Haruto", "陽翔"],
  ["Ren", "蓮"],
  ["Minato", "湊"],
  ["Sota", "蒼太"],
  ["Yuto", "悠人"],
  ["Riku", "陸"],
  ["Takumi", "拓海"],
  ["Daiki", "大輝"],
  ["Kaito", "海斗"],
  ["Shota", "翔太"],
  ["Yuma", "悠真"],
  ["Kenta", "健太"],
  ["Himari", "陽葵"],
  ["Mei", "芽依"],
  ["Yuna", "結菜"],
  ["Aoi", "葵"],
  ["Rin", "凛"],
  ["Mio", "澪"],
  ["Hana", "花"],
  ["Misaki", "美咲"],
  ["Ayaka", "彩花"],
  ["Nanami", "七海"],
  ["Riko", "莉子"],
  ["Saki", "咲"],
  ["Koharu", "心春"],
];

const RESTAURANTS: readonly string[] = [
  "らーめん一心",
  "すし政",
  "焼鳥 とり平",
  "カレーハウス みなと",
  "天丼 てん福",
  "うどん 丸福",
  "お好み焼き 千鶴",
  "餃子の福来軒",
  "Pizza Napoli Kitchen",
  "Burger Lab",
  "タイ料理 バンコク食堂",
  "韓国料理 ソウル家",
  "とんかつ かつ喜",
  "そば処 更科庵",
  "中華 龍鳳",
  "Green Bowl Salad",
];

const MAIL_DOMAINS = ["example.jp", "example.com", "mail.example.ne.jp"];

export interface FakePerson {
  nameJa: string;
  nameEn: string;
  email: string;
}

export function fakePerson(rng: Rng): FakePerson {
  const [surname, surnameJa] = rng.pick(SURNAMES);
  const [given, givenJa] = rng.pick(GIVEN_NAMES);
  const local = `${given.toLowerCase()}.${surname.toLowerCase()}${rng.int(1, 99)}`;
  return {
    nameJa: `${surnameJa} ${givenJa}`,
    nameEn: `${given} ${surname}`,
    email: `${local}@${rng.pick(MAIL_DOMAINS)}`,
  };
}

export function fakeRestaurant(rng: Rng, cityNameJa: string): string {
  return `${rng.pick(RESTAURANTS)} ${cityNameJa}${rng.pick(["駅前", "中央", "北口", "南口", "本"])}店`;
}

export function fakePhone(rng: Rng): string {
  return `0${rng.pick(["70", "80", "90"])}-${rng.digits(4)}-${rng.digits(4)}`;
}

export function fakeAddress(rng: Rng, prefecture: string, districts: readonly string[]): string {
  return `${prefecture}${rng.pick(districts)}${rng.int(1, 5)}-${rng.int(1, 20)}-${rng.int(1, 30)}`;
}

export function orderRef(rng: Rng, cityCode: string): string {
  return `ORD-${cityCode}-${rng.digits(8)}`;
}

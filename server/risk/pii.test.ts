import { describe, expect, it } from "vitest";
import {
  maskAddress,
  maskCard,
  maskEmail,
  maskName,
  maskPhone,
  maskProfile,
  type SubjectProfile,
} from "./pii.ts";

describe("maskEmail", () => {
  it("keeps the first character and the domain", () => {
    expect(maskEmail("taro.yamada@example.jp")).toBe("t***@example.jp");
    expect(maskEmail("  X@example.com ")).toBe("X***@example.com");
    expect(maskEmail("山田@例え.jp")).toBe("山***@例え.jp");
  });

  it("hides anything that is not an address", () => {
    expect(maskEmail("taro.yamada")).toBe("***");
    expect(maskEmail("@example.jp")).toBe("***");
    expect(maskEmail("taro@")).toBe("***");
  });
});

describe("maskPhone", () => {
  it("keeps the layout and the last four digits", () => {
    expect(maskPhone("090-1234-5678")).toBe("•••-••••-5678");
    expect(maskPhone("+81 90 1234 5678")).toBe("+•• •• •••• 5678");
  });

  it("hides every digit of numbers too short to keep four", () => {
    expect(maskPhone("110")).toBe("•••");
    expect(maskPhone("12-3456")).toBe("••-••••");
  });
});

describe("maskCard", () => {
  it("shows the last four only when permitted", () => {
    expect(maskCard("1234", true)).toBe("•••• 1234");
    expect(maskCard("1234", false)).toBe("•••• ••••");
    expect(maskCard(null, true)).toBeNull();
  });

  it("never shows more than four digits, nor garbage", () => {
    expect(maskCard("4111111111111234", true)).toBe("•••• 1234");
    expect(maskCard("12", true)).toBe("•••• ••••");
  });
});

describe("maskAddress", () => {
  it.each([
    ["東京都渋谷区神南1-2-3", "東京都渋谷区"],
    ["大阪府大阪市北区梅田2-4-9", "大阪府大阪市"],
    ["北海道札幌市中央区大通西4-1-1", "北海道札幌市"],
    ["〒150-0041 東京都渋谷区神南1-2-3", "東京都渋谷区"],
    ["神奈川県横浜市西区みなとみらい2-2-1", "神奈川県横浜市"],
    ["三重県四日市市諏訪町1-5", "三重県四日市市"],
    ["千葉県市川市八幡1-1-1", "千葉県市川市"],
    ["長野県北佐久郡軽井沢町軽井沢1323", "長野県北佐久郡軽井沢町"],
    ["東京都町田市森野2-2-22", "東京都町田市"],
    ["渋谷区神南1-2-3", "渋谷区"],
  ])("%s → %s", (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it("keeps only the prefecture when no municipality is recognisable", () => {
    expect(maskAddress("東京都1-2-3")).toBe("東京都");
  });

  it("hides addresses it cannot parse", () => {
    expect(maskAddress("1-2-3 Jinnan, Shibuya, Tokyo")).toBe("***");
    expect(maskAddress("")).toBe("***");
  });
});

describe("maskName", () => {
  it("keeps one initial per name part", () => {
    expect(maskName("山田 太郎")).toBe("山* 太*");
    expect(maskName("山田\u3000太郎")).toBe("山* 太*");
    expect(maskName("Taro Yamada")).toBe("T* Y*");
    expect(maskName(" ")).toBe("***");
  });
});

describe("maskProfile", () => {
  const consumer: SubjectProfile = {
    subjectType: "consumer",
    subjectId: "cus_12345678",
    displayName: "山田 太郎",
    email: "taro.yamada@example.jp",
    phone: "090-1234-5678",
    cardLast4: "4242",
    address: "東京都渋谷区神南1-2-3",
  };

  it("masks a person's profile without pii:view", () => {
    expect(maskProfile(consumer, false)).toEqual({
      subjectType: "consumer",
      subjectId: "cus_12345678",
      displayName: "山* 太*",
      email: "t***@example.jp",
      phone: "•••-••••-5678",
      card: "•••• ••••",
      address: "東京都渋谷区",
      masked: true,
    });
  });

  it("shows everything with pii:view", () => {
    expect(maskProfile(consumer, true)).toEqual({
      subjectType: "consumer",
      subjectId: "cus_12345678",
      displayName: "山田 太郎",
      email: "taro.yamada@example.jp",
      phone: "090-1234-5678",
      card: "•••• 4242",
      address: "東京都渋谷区神南1-2-3",
      masked: false,
    });
  });

  it("keeps a restaurant's public name and address but masks its contacts", () => {
    const restaurant: SubjectProfile = {
      ...consumer,
      subjectType: "restaurant",
      displayName: "らーめん 一番",
      email: "store12345@partner.example.jp",
      cardLast4: null,
    };
    expect(maskProfile(restaurant, false)).toMatchObject({
      displayName: "らーめん 一番",
      address: "東京都渋谷区神南1-2-3",
      email: "s***@partner.example.jp",
      phone: "•••-••••-5678",
      card: null,
    });
  });

  it("keeps nulls as nulls", () => {
    const order: SubjectProfile = {
      ...consumer,
      subjectType: "order",
      displayName: "注文 ORD-TYO-1",
      email: null,
      phone: null,
      cardLast4: null,
    };
    expect(maskProfile(order, false)).toMatchObject({
      displayName: "注文 ORD-TYO-1",
      email: null,
      phone: null,
      card: null,
      address: "東京都渋谷区",
    });
  });
});

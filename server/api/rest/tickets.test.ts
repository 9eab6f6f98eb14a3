import { describe, expect, it } from "vitest";
import { restCreateBody, restPatchBody, restQueueQuery } from "./tickets.ts";

const ticket = {
  subject: "注文が届きません",
  description: "配達予定時刻を30分過ぎても届いていません。",
  priority: "P3",
  category: "delivery_delay",
  source: "consumer",
  requesterName: "山田 太郎",
};

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join("."));

describe("ticket REST shapes", () => {
  it("reads the queue's flat query string into the queue input, the city as its code", () => {
    expect(
      restQueueQuery.parse({ status: "new, open", city: "OSA", breached: "true", limit: "20" }),
    ).toMatchObject({
      status: ["new", "open"],
      city: "OSA",
      sla: "breached",
      limit: 20,
      assignee: "any",
    });
    expect(pathsOf(restQueueQuery.safeParse({ city: "osaka" }))).toEqual(["city"]);
  });

  it("takes a city code on create and never a city id, which is not the integration's to send", () => {
    expect(restCreateBody.parse({ ...ticket, city: "OSA" })).toMatchObject({ city: "OSA", language: "ja" });
    expect(
      restCreateBody.parse({ ...ticket, cityId: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d" }),
    ).not.toHaveProperty("cityId");
    expect(pathsOf(restCreateBody.safeParse({ ...ticket, city: "TOKYO" }))).toEqual(["city"]);
  });

  it("needs a version and something to change on PATCH", () => {
    expect(restPatchBody.safeParse({ version: 1, status: "open" }).success).toBe(true);
    expect(pathsOf(restPatchBody.safeParse({ status: "open" }))).toEqual(["version"]);
    expect(restPatchBody.safeParse({ version: 1 }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { groupBy } from "./group-by.ts";

describe("groupBy", () => {
  it("keeps groups in first-seen order and items in input order", () => {
    const grouped = groupBy(["b1", "a1", "b2", "c1", "a2"], (item) => item[0]);
    expect([...grouped]).toEqual([
      ["b", ["b1", "b2"]],
      ["a", ["a1", "a2"]],
      ["c", ["c1"]],
    ]);
  });

  it("groups by any key and answers an empty map for no items", () => {
    expect(groupBy([1, 2, 3, 4], (n) => n % 2 === 0).get(true)).toEqual([2, 4]);
    expect(groupBy([], () => "x").size).toBe(0);
  });

  it("stays linear in a group's size", () => {
    const many = Array.from({ length: 200_000 }, (_, i) => i);
    expect(groupBy(many, () => "one").get("one")).toHaveLength(200_000);
  });
});

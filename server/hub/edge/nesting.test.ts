import { describe, expect, it } from "vitest";
import { jsonNestedDeeperThan, nestedTooDeepPath } from "./nesting.ts";

describe("jsonNestedDeeperThan", () => {
  it.each([
    ["flat values", `[1, "a", true, null]`, 1, false],
    ["objects in an array at the limit", `[{"a": {}}, {"b": []}]`, 3, false],
    ["one level past the limit", `[{"a": [{}]}]`, 3, true],
    ["brackets inside strings", `["[[[[", {"k{{{": "]]]]"}]`, 2, false],
    ["an escaped quote before brackets in a string", `["a \\" [[[[", 1]`, 1, false],
    ["an escaped backslash ending a string", `["a \\\\", [[1]]]`, 2, true],
    ["depth that closes and opens again", `[[1], [2], [[3]]]`, 2, true],
  ])("%s", (_, text, levels, deeper) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonNestedDeeperThan(text, levels)).toBe(deeper);
  });
});

describe("nestedTooDeepPath", () => {
  it("names the first container past the limit, and nothing at the limit", () => {
    const value = { a: 1, b: { c: [{ d: "x" }] } };
    expect(nestedTooDeepPath(value, "data", 4)).toBeNull();
    expect(nestedTooDeepPath(value, "data", 3)).toBe("data.b.c.0");
    expect(nestedTooDeepPath("text", "data", 1)).toBeNull();
  });
});

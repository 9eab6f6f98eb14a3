import { describe, expect, it } from "vitest";
import { jsonMayHoldUnstorable, unstorableCharacterPath } from "./unstorable-character.ts";

describe("jsonMayHoldUnstorable", () => {
  it.each([
    ["a NUL escape", '{"comment":"late \\u0000"}'],
    ["a lone high surrogate escape", '{"comment":"sushi \\ud83c"}'],
    ["a lone low surrogate escape, in capitals", '{"comment":"\\uDF63"}'],
    ["a key with a NUL escape", '{"a\\u0000b":1}'],
  ])("is true for %s", (_, text) => {
    expect(jsonMayHoldUnstorable(text)).toBe(true);
    expect(unstorableCharacterPath(JSON.parse(text), "data")).not.toBeNull();
  });

  it.each([
    ["plain text", '{"comment":"The courier did not arrive."}'],
    ["emoji sent as UTF-8", '{"comment":"sushi 🍣"}'],
    ["other escapes", '{"comment":"tab\\there \\u00e9 \\u001f"}'],
  ])("is false for %s", (_, text) => {
    expect(jsonMayHoldUnstorable(text)).toBe(false);
  });

  it("is false for bytes that are not UTF-8, which decode to U+FFFD, a storable character", () => {
    const text = Buffer.concat([Buffer.from('{"c":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    const decoded = text.toString("utf8");
    expect(jsonMayHoldUnstorable(decoded)).toBe(false);
    expect(unstorableCharacterPath(JSON.parse(decoded), "data")).toBeNull();
  });

  it("never says false of a text whose value holds an unstorable character", () => {
    // Code units at and around the unstorable ones, alone and beside others, as JSON.stringify writes them and
    // as a sender might (escapes in capitals).
    const surrogates = Array.from({ length: 0x230 / 5 }, (_, i) => 0xd7f0 + i * 5);
    let unstorable = 0;
    for (const unit of [0, 1, 0x1f, 0x7f, 0xfffd, ...surrogates]) {
      for (const around of ["", "a", "🍣"]) {
        const text = JSON.stringify({ comment: `${around}${String.fromCharCode(unit)}${around}` });
        const capitals = text.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`);
        for (const sent of [text, capitals]) {
          if (unstorableCharacterPath(JSON.parse(sent), "data") === null) continue;
          unstorable += 1;
          expect(jsonMayHoldUnstorable(sent), `unit ${unit.toString(16)} in ${sent}`).toBe(true);
        }
      }
    }
    expect(unstorable).toBeGreaterThan(500);
  });
});

// How deep an event's data may nest. JSON.parse takes any depth, but JSON.stringify, which writes the payload
// to the inbox and every admin view of it, recurses, and thousands of levels (a body of a few kilobytes)
// overflow its stack. The catalogue's payloads nest a few levels; anything past this is refused at the edge.
export const MAX_DATA_DEPTH = 64;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const OPEN_OBJECT = 123;
const CLOSE_ARRAY = 93;
const CLOSE_OBJECT = 125;

/** The index of the quote closing the string opened at `start`. */
function endOfString(text: string, start: number): number {
  for (let at = text.indexOf('"', start + 1); at !== -1; at = text.indexOf('"', at + 1)) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
  return text.length;
}

/**
 * Whether valid JSON text nests arrays and objects more than `levels` deep anywhere. Strings are skipped with
 * indexOf, so the scan reads little more than the punctuation: a body that passes needs no walk of its events.
 */
export function jsonNestedDeeperThan(text: string, levels: number): boolean {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === QUOTE) at = endOfString(text, at);
    else if (char === OPEN_ARRAY || char === OPEN_OBJECT) {
      if (++depth > levels) return true;
    } else if (char === CLOSE_ARRAY || char === CLOSE_OBJECT) depth--;
  }
  return false;
}

/**
 * The path of the first array or object nested more than `levels` deep in `value` (the value itself at level
 * one), or null. A loop, not recursion, for the depths it is there to catch.
 */
export function nestedTooDeepPath(value: unknown, root: string, levels: number): string | null {
  const pending = [{ value, path: root, depth: 1 }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    if (visit.value === null || typeof visit.value !== "object") continue;
    if (visit.depth > levels) return visit.path;
    for (const [key, item] of Object.entries(visit.value))
      if (item !== null && typeof item === "object")
        pending.push({ value: item, path: `${visit.path}.${key}`, depth: visit.depth + 1 });
  }
  return null;
}

// The inbox keeps a payload as json, which takes what no text or jsonb column downstream can hold: a NUL
// character (\u0000) or half of a surrogate pair (\ud800 alone). Processing could never map such an event, so it
// is refused at the edge instead, naming where the character is.

/**
 * Whether JSON text can decode to such a character. Valid JSON holds neither raw: a NUL in a string must be
 * escaped, and bytes that are not UTF-8 decode to U+FFFD. So only a \u0000 escape or one of a surrogate half
 * can make one, and the events of a body without either need no walk (a pair sent escaped still gets one).
 */
export const jsonMayHoldUnstorable = (text: string): boolean => /\\u(?:0000|d[89a-f])/i.test(text);

const unstorable = (text: string) => text.includes("\u0000") || !text.isWellFormed();

/** The name of the first of these attributes holding such a character, or null when none does. */
export function unstorableAttribute(attributes: Record<string, string | undefined>): string | null {
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined && unstorable(value)) return name;
  return null;
}

interface Visit {
  value: unknown;
  parent: Visit | null;
  key: string;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at !== null; at = at.parent) keys.push(at.key);
  return keys.reverse().join(".");
}

/**
 * The path of a string or key holding a character PostgreSQL cannot store, or null when there is none.
 * A loop, not recursion: JSON.parse takes nesting deep enough to overflow the stack.
 */
export function unstorableCharacterPath(value: unknown, root: string): string | null {
  const pending: Visit[] = [{ value, parent: null, key: root }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current === "string" && unstorable(current)) return pathOf(visit);
    if (current === null || typeof current !== "object") continue;
    for (const [key, item] of Object.entries(current)) {
      if (unstorable(key)) return pathOf(visit);
      if (typeof item === "string" || (item !== null && typeof item === "object"))
        pending.push({ value: item, parent: visit, key });
    }
  }
  return null;
}

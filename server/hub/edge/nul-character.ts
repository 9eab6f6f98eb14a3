// The inbox keeps a payload as json, which takes a NUL character (\u0000) that no text or jsonb column downstream
// can hold, so processing could never map the event: it is refused at the edge instead, naming where it is.

/** The path of the first string or key holding a NUL character, or null when there is none. */
export function nulCharacterPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = nulCharacterPath(value[index], `${path}.${index}`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return path;
    const found = nulCharacterPath(item, `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

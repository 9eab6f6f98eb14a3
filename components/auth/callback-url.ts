const FALLBACK = "/";

/**
 * Where to go after signing in: only a same-origin relative path, never "//host" or "/\host"
 * (browsers read both as another origin), so the sign-in page cannot be used as an open redirect.
 */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/")) return FALLBACK;
  if (candidate.startsWith("//") || candidate.startsWith("/\\")) return FALLBACK;
  // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example".
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return FALLBACK;
  if (candidate === "/signin" || candidate.startsWith("/signin?")) return FALLBACK;
  return candidate;
}

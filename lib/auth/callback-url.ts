/**
 * Where to send a user after sign-in: a path on this site, else "/". Browsers
 * read "/\evil.example" like "//evil.example" and drop tabs and newlines from
 * URLs, so "starts with / but not //" is not enough.
 */
export function safeCallbackPath(cb: string | undefined | null): string {
  if (!cb || !cb.startsWith("/") || cb.length > 2048) return "/";
  // Control characters, backslashes and whitespace have no place in our own paths.
  if (/[\u0000-\u0020\u007f\\]/.test(cb)) return "/";
  if (cb.startsWith("//")) return "/";
  try {
    const u = new URL(cb, "http://pilothouse.invalid");
    if (u.origin !== "http://pilothouse.invalid") return "/";
    return u.pathname + u.search + u.hash;
  } catch {
    return "/";
  }
}

/**
 * Where to send a user after sign-in: a path on this site, else "/". Browsers
 * read "/\evil.example" like "//evil.example" and drop tabs and newlines from
 * URLs, so "starts with / but not //" is not enough; and normalizing can turn a
 * harmless path into a dangerous one ("/.//evil.example" → "//evil.example"),
 * so the rules hold for the value returned, not only for the one given.
 */
export function safeCallbackPath(cb: string | undefined | null): string {
  if (typeof cb !== "string" || !plainPath(cb)) return "/";
  let u: URL;
  try {
    u = new URL(cb, BASE);
  } catch {
    return "/";
  }
  if (u.origin !== BASE) return "/";
  const out = u.pathname + u.search + u.hash;
  // What is returned must pass on its own and read the same when parsed again.
  if (!plainPath(out) || new URL(out, BASE).href !== u.href) return "/";
  return out;
}

const BASE = "http://pilothouse.invalid";
const MAX = 2048;

/** A path on this origin: starts with one "/", no control characters, whitespace or backslashes. */
function plainPath(p: string): boolean {
  if (!p.startsWith("/") || p.startsWith("//") || p.length > MAX) return false;
  return !/[\u0000-\u0020\u007f\\]/.test(p);
}

/**
 * next-auth's redirect callback: only paths on this console, whatever the
 * request asked for (next-auth takes callbackUrl from the query, the body and a cookie).
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path: string = url;
  if (!url.startsWith("/")) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return base.origin;
    }
    if (u.origin !== base.origin) return base.origin;
    path = u.pathname + u.search + u.hash;
  }
  return `${base.origin}${safeCallbackPath(path)}`;
}

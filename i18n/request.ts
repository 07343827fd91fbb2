import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, localeCookie, negotiateLocale } from "./locales";
import { loadMessages } from "./messages";

// No locale in the URL: the console's paths (/clusters/<c>/…) belong to the
// Kubernetes API. The choice is a cookie, defaulting from Accept-Language.
export default getRequestConfig(async () => {
  const jar = await cookies();
  const fromCookie = jar.get(localeCookie)?.value;
  const tz = jar.get("tz")?.value;
  const locale = isLocale(fromCookie) ? fromCookie : negotiateLocale((await headers()).get("accept-language"));
  return {
    locale,
    messages: await loadMessages(locale),
    timeZone: tz && isTimeZone(tz) ? tz : process.env.TZ || "UTC",
    // One "now" per request, passed on to the client: ages rendered on the server and hydrated agree.
    now: new Date(),
  };
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

import { NextIntlClientProvider } from "next-intl";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Age } from "./age";

const now = new Date("2025-06-01T12:00:00Z");
const render = (locale: string, ts: string | undefined) =>
  renderToString(
    <NextIntlClientProvider locale={locale} messages={{}} timeZone="UTC" now={now}>
      <Age ts={ts} />
    </NextIntlClientProvider>,
  );

// The server's HTML is computed from the request's "now", not the clock: the
// browser hydrates with the same now and prints the same text.
describe("Age", () => {
  it("renders the age from the provider's now, in the locale", () => {
    const ts = "2025-06-01T11:42:00Z";
    expect(render("en", ts)).toMatch(/<time dateTime="2025-06-01T11:42:00Z" title="[^"]+">18m<\/time>/);
    expect(render("zh-CN", ts)).toContain(">18分钟前</time>");
  });

  it("shows a dash without a time", () => {
    expect(render("en", undefined)).toBe("—");
  });
});

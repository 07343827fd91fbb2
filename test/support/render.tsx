import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { renderToString } from "react-dom/server";
import { expect, vi } from "vitest";
import { SessionProvider } from "@/components/providers";

// The views tests' one harness: a view server-rendered with real messages, a
// query cache the test seeds, and a signed-in session. Every message the view
// asks for must resolve (a missing key or bad ICU fails the test).

export interface RenderOptions {
  messages: Record<string, unknown>;
  locale?: string;
  /** Fills the query cache before rendering. */
  seed?: (qc: QueryClient) => void;
  /** "Now" for relative times. */
  now?: Date;
  /** The signed-in user (default: "u"). */
  user?: { name: string; username: string };
  manageClusters?: boolean;
}

export function renderView(node: React.ReactNode, { messages, locale = "en", seed, now, user = { name: "u", username: "u" }, manageClusters = false }: RenderOptions): string {
  const qc = new QueryClient();
  seed?.(qc);
  const onError = vi.fn();
  const html = renderToString(
    <NextIntlClientProvider locale={locale} messages={messages} onError={onError} timeZone="UTC" now={now}>
      <QueryClientProvider client={qc}>
        <SessionProvider session={{ ...user, csrfToken: "x", can: { manageClusters } }}>{node}</SessionProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
  expect(onError).not.toHaveBeenCalled();
  return html;
}

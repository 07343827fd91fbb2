"use client";

import { useLocale, useNow as useIntlNow } from "next-intl";
import { useCallback, useSyncExternalStore } from "react";
import { formatAge } from "@/lib/format";

// Ages move on by themselves; one shared clock re-renders them every TICK_MS.
const TICK_MS = 10_000;

let current = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot() {
  // Stable between the calls of one render; fresh for a component mounted after a pause.
  if (Date.now() - current >= TICK_MS) current = Date.now();
  return current;
}

/**
 * The time to compute ages from. On the server and while hydrating it is the
 * request's time (the `now` of the i18n request config, handed to the client
 * by NextIntlClientProvider), so server HTML and the first client render agree
 * (React error #418 otherwise); after that, the browser's clock, ticking.
 */
export function useNow(): number {
  const requestNow = useIntlNow().getTime();
  return useSyncExternalStore(subscribe, getSnapshot, () => requestNow);
}

/** formatAge bound to the current time and locale: `(ts) => "12m"` / `"12分钟前"`. */
export function useAge(): (ts: string | undefined) => string {
  const now = useNow();
  const locale = useLocale();
  return useCallback((ts: string | undefined) => formatAge(ts, now, locale), [now, locale]);
}

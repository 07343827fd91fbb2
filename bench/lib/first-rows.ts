// The time to the first rows of a list page in chromium, shared by the suites
// that measure it (ui: pods, pipelines: runs): a fresh browser profile per
// sample, navigation start → the first animation frame with the first data row
// in the viewport, and the page must say it has all the items.
import { type Browser, chromium } from "@playwright/test";
import { Session } from "./console";
import { type BenchContext, log } from "./harness";

declare global {
  interface Window {
    __firstRow?: number;
  }
}

const FIRST_TABLE_ROW = '[role="table"] [role="row"][aria-rowindex="2"]';

/**
 * What a page that is not a table shows first, and where it says how many
 * items there are: `countTestId`'s text must hold the expected number.
 */
export interface FirstItem {
  selector: string;
  countTestId: string;
}

// Runs in the page before its own scripts: the first data row, once it is in
// the DOM, is timed at the next animation frame in which it has a box in the
// viewport — the frame that paints it (frames wait for render-blocking CSS).
function watchFirstRow(selector: string) {
  const frame = () => {
    const row = document.querySelector(selector);
    const r = row?.getBoundingClientRect();
    if (r && r.width > 0 && r.height > 0 && r.top < window.innerHeight) window.__firstRow = performance.now();
    else requestAnimationFrame(frame);
  };
  const mo = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    mo.disconnect();
    requestAnimationFrame(frame);
  });
  mo.observe(document, { childList: true, subtree: true });
}

export interface Sample {
  first_row_ms: number;
  /** Until every item is loaded and the watch is live (the rest of the list comes after the first rows). */
  all_rows_ms?: number;
}

type Cookie = { name: string; value: string };

async function measure(browser: Browser, base: string, cookies: Cookie[], url: string, expected: number, untilLive: boolean, item?: FirstItem): Promise<Sample> {
  // A fresh browser profile per sample: nothing cached from the previous one.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addCookies(cookies.map((c) => ({ ...c, url: base })));
    await context.addInitScript(watchFirstRow, item?.selector ?? FIRST_TABLE_ROW);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    await page.waitForFunction(() => window.__firstRow !== undefined, null, { timeout: 60_000, polling: 50 }).catch(async (e: Error) => {
      // Say what the page showed instead of rows: an error, a sign-in page, a spinner.
      const shown = await page.evaluate(() => document.body?.innerText.replace(/\s+/g, " ").slice(0, 400)).catch(() => "(no page)");
      throw new Error(`${e.message}; at ${page.url()} the page shows: ${shown}`);
    });
    const first = await page.evaluate(() => window.__firstRow!);
    if (item) {
      // Not a table: the page says how many items there are in its own words, or (a page showing all of a
      // few, with nothing to say) shows them all.
      const counter = page.getByTestId(item.countTestId);
      if (!(await counter.count())) {
        const shown = await page.locator(item.selector).count();
        if (shown !== expected) throw new Error(`the page shows ${shown} items, not ${expected}, and no ${item.countTestId}`);
        return { first_row_ms: first };
      }
      const text = ((await counter.textContent()) ?? "").replace(/[,\s]/g, "");
      if (!text.includes(String(expected))) throw new Error(`the page does not say there are ${expected} items: ${item.countTestId} says "${text}"`);
      return { first_row_ms: first };
    }
    // A page that shows rows but not the list's items (an error, another list, a truncated count) must not pass.
    const count = page.getByTestId("row-count");
    const total = await count.getAttribute("data-total");
    const text = (await count.textContent()) ?? "";
    if (total !== String(expected) || !text.includes(expected.toLocaleString("en"))) {
      throw new Error(`the page does not say there are ${expected} items: data-total=${total} text="${text}"`);
    }
    if (!untilLive) return { first_row_ms: first };
    // The rest of the list loads and the watch takes over.
    await page.waitForSelector(`[data-testid="row-count"][data-loaded="${expected}"]`, { timeout: 120_000 });
    await page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 60_000 });
    return { first_row_ms: first, all_rows_ms: await page.evaluate(() => performance.now()) };
  } finally {
    await context.close();
  }
}

export interface FirstRows {
  samples: Sample[];
  /** The warm-up's time until every item was loaded and the watch live. */
  all?: number;
  runs: number;
  warmup: number;
  settleMs: number;
}

/**
 * Signs in as admin and measures `path` (a list page of `expected` items):
 * one warm-up that also waits for the whole list and its watch (unless
 * `waitLive` is false: pages without a live list), then `runs`
 * samples, with a pause before each (`settleMs`: what the previous one left
 * running is over before the next navigation starts, as when a person navigates).
 * `item` times a page that is not a table (cards) by its first item instead.
 */
export async function firstRows(
  ctx: BenchContext,
  path: string,
  expected: number,
  settleMs = 3000,
  o: { runs?: number; waitLive?: boolean; item?: FirstItem } = {},
): Promise<FirstRows> {
  const cookies = await adminCookies(ctx, ctx.console.url);
  const url = `${ctx.console.url}${path}`;
  const warmup = 1;
  const runs = o.runs ?? (ctx.smoke ? 2 : 5);
  const settle = ctx.smoke ? 500 : settleMs;
  const browser = await launch();
  const samples: Sample[] = [];
  let all: number | undefined;
  try {
    for (let i = 0; i < warmup + runs; i++) {
      await new Promise((r) => setTimeout(r, settle));
      // The warm-up also loads the whole list and waits for the watch; measured samples end at the first rows.
      const s = await measure(browser, ctx.console.url, cookies, url, expected, i === 0 && o.waitLive !== false && !o.item, o.item);
      all ??= s.all_rows_ms;
      log(`${i < warmup ? "warm-up" : `run ${i - warmup + 1}`}: first rows ${s.first_row_ms.toFixed(0)} ms${s.all_rows_ms ? `, all ${expected} rows loaded and live ${s.all_rows_ms.toFixed(0)} ms` : ""}`);
      if (i >= warmup) samples.push(s);
    }
  } finally {
    await browser.close();
  }
  return { samples, all, runs, warmup, settleMs: settle };
}

async function adminCookies(ctx: BenchContext, base: string): Promise<Cookie[]> {
  const session = await Session.signIn(base, "admin", ctx.console.adminPassword);
  return session
    .cookie()
    .split("; ")
    .filter(Boolean)
    .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1) }));
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
  });
}

/** One console to measure side by side with others (its admin has the bench console's password). */
export interface Side {
  name: string;
  url: string;
  /** The number of items its page must say it has. */
  expected: number;
}

/**
 * The same page on several consoles, sample by sample in turn (A B A B …)
 * after one warm-up each: whatever else loads the machine at a moment lands on
 * all of them, so their ratio is the page's own difference.
 */
export async function firstRowsSideBySide(ctx: BenchContext, path: string, sides: Side[], o: { runs: number; settleMs?: number; item?: FirstItem }): Promise<Record<string, number[]>> {
  const cookies = new Map<string, Cookie[]>();
  for (const s of sides) cookies.set(s.name, await adminCookies(ctx, s.url));
  const out: Record<string, number[]> = Object.fromEntries(sides.map((s) => [s.name, []]));
  const browser = await launch();
  try {
    for (let i = 0; i < 1 + o.runs; i++) {
      for (const s of sides) {
        await new Promise((r) => setTimeout(r, ctx.smoke ? 500 : (o.settleMs ?? 1_000)));
        const m = await measure(browser, s.url, cookies.get(s.name)!, `${s.url}${path}`, s.expected, false, o.item);
        log(`${path} ${s.name} ${i === 0 ? "warm-up" : `run ${i}`}: first rows ${m.first_row_ms.toFixed(0)} ms`);
        if (i > 0) out[s.name].push(m.first_row_ms);
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

import { type Page, expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../scripts/demo-people.mjs";
import { E2E } from "./support/env";
import { adminApi, demoPeople, signInLocal } from "./support/helpers";

// Every demo user walks the whole console the way they would, in both
// languages: every page the navigation reaches, one object of each kind and
// each of its tabs. A user must meet no error they did not cause: no uncaught
// page error, no React (hydration) error, no failed request and no error box —
// above all no "forbidden" on something the console offered them.

const PEOPLE = [
  { username: "admin", password: E2E.adminPassword },
  { username: "alice", password: DEMO_PASSWORD },
  { username: "carol", password: DEMO_PASSWORD },
  { username: "dave", password: DEMO_PASSWORD },
];
const LOCALES = ["en", "zh-CN"] as const;
/** A bound, so a regression that multiplies links fails loudly instead of running for an hour. */
const MAX_PAGES = 90;

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await demoPeople(req, headers);
  await page.close();
});

/**
 * The kind of page a URL is: names of clusters, namespaces, objects, tenants
 * and projects replaced by "*", the kind and the query's kind kept. One page
 * of each kind is visited (one object of each kind, not every object).
 */
function pageKind(u: URL): string {
  const p = u.pathname
    .replace(/^\/c\/[^/]+/, "/c/*")
    .replace(/\/ns\/[^/]+/, "/ns/*")
    .replace(/^(\/c\/\*\/ns\/\*\/[^/]+)\/[^/]+$/, "$1/*")
    .replace(/^\/projects\/[^/]+\/[^/]+$/, "/projects/*/*")
    .replace(/^\/projects\/[^/]+$/, "/projects/*")
    .replace(/^\/access\/tenants\/[^/]+/, "/access/tenants/*");
  const kind = u.searchParams.get("kind");
  return kind ? `${p}?kind=${kind}` : p;
}

/** Where a page links to: everything but the rows of a list beyond its first (one object per list). */
async function linksOf(page: Page): Promise<string[]> {
  return page.locator("a[href]").evaluateAll((as) =>
    as
      .filter((a) => {
        const row = a.closest("[role=row]");
        return (!row || row.getAttribute("aria-rowindex") === "2") && !a.hasAttribute("download") && a.getAttribute("target") !== "_blank";
      })
      .map((a) => (a as HTMLAnchorElement).href),
  );
}

interface Trouble {
  url: string;
  what: string;
}

/** Everything that went wrong on the page while it was watched. */
function watch(page: Page, origin: string) {
  const troubles: Trouble[] = [];
  const at = () => page.url();
  page.on("pageerror", (e) => troubles.push({ url: at(), what: `page error: ${e.message}` }));
  page.on("console", (m) => {
    if (m.type() === "error") troubles.push({ url: at(), what: `console error: ${m.text()}` });
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().startsWith(origin)) troubles.push({ url: at(), what: `${r.request().method()} ${r.url().slice(origin.length)} answered ${r.status()}` });
  });
  page.on("requestfailed", (r) => {
    // Leaving a page cancels its watches and prefetches: that is not a failure.
    const why = r.failure()?.errorText ?? "";
    if (!why.includes("ERR_ABORTED") && r.url().startsWith(origin)) troubles.push({ url: at(), what: `${r.method()} ${r.url().slice(origin.length)} failed: ${why}` });
  });
  return troubles;
}

/** Waits until the page has drawn what it loads (nothing busy, no loading state), then looks for error boxes. */
async function settled(page: Page, troubles: Trouble[], where: string) {
  await page.waitForLoadState("load");
  // Charts below the fold load when scrolled to: only what is on screen must have settled.
  await page
    .waitForFunction(
      () =>
        ![...document.querySelectorAll('[aria-busy="true"], [role="status"]:has(.animate-pulse)')].some((e) => {
          const r = e.getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
        }),
      undefined,
      { timeout: 20_000 },
    )
    .catch(() => undefined);
  for (const box of await page.getByTestId("error-state").all()) {
    if (await box.isVisible()) troubles.push({ url: page.url(), what: `error box on ${where}: ${(await box.innerText()).replace(/\s+/g, " ")}` });
  }
}

async function crawl(page: Page, troubles: Trouble[]) {
  const origin = new URL(page.url()).origin;
  const seen = new Set<string>();
  const queue = [`${origin}/`];
  let visited = 0;
  while (queue.length > 0) {
    const url = new URL(queue.shift()!);
    const kind = pageKind(url);
    if (seen.has(kind)) continue;
    seen.add(kind);
    visited++;
    expect(visited, `more than ${MAX_PAGES} kinds of page: ${[...seen].join(" ")}`).toBeLessThanOrEqual(MAX_PAGES);
    await page.goto(url.toString());
    await settled(page, troubles, kind);
    // An object's page: every tab it offers.
    const tabs = page.getByRole("tab");
    for (let i = 0; i < (await tabs.count()); i++) {
      const tab = tabs.nth(i);
      const name = (await tab.innerText()).trim();
      await tab.click();
      await expect(tab).toHaveAttribute("aria-selected", "true");
      await settled(page, troubles, `${kind} tab ${name}`);
    }
    for (const href of await linksOf(page)) {
      const next = new URL(href);
      if (next.origin !== origin || next.pathname.startsWith("/api/") || next.searchParams.has("tab")) continue;
      if (!seen.has(pageKind(next))) queue.push(next.toString());
    }
  }
  return seen;
}

for (const locale of LOCALES) {
  for (const who of PEOPLE) {
    test(`${who.username} walks the console in ${locale} without meeting an error`, async ({ browser }) => {
      test.setTimeout(600_000);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const url = new URL(E2E.port ? `http://127.0.0.1:${E2E.port}` : "http://127.0.0.1");
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: url.origin }]);
      const page = await context.newPage();
      await signInLocal(page, who.username, who.password);
      const troubles = watch(page, url.origin);
      const seen = await crawl(page, troubles);
      // The walk went somewhere: the overview, clusters, projects and, for everyone, a cluster's pages.
      expect([...seen]).toEqual(expect.arrayContaining(["/", "/clusters", "/projects", "/c/*/namespaces"]));
      expect(troubles, troubles.map((t) => `${t.url}: ${t.what}`).join("\n")).toEqual([]);
      await context.close();
    });
  }
}

test("what a user may not open is not offered; what they may not do says why on focus", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Carol develops in one project on member-1: no nodes, no cluster events, no cluster monitoring.
  await signInLocal(page, "carol", DEMO_PASSWORD);
  await page.getByRole("link", { name: "Clusters", exact: true }).click();
  await page.getByTestId("cluster-row-member-1").getByRole("link").click();
  const clusterTabs = page.getByRole("navigation", { name: "Cluster sections" });
  await expect(clusterTabs.getByRole("link", { name: "Namespaces" })).toBeVisible();
  await expect(clusterTabs.getByRole("link", { name: "Nodes" })).toHaveCount(0);
  await expect(clusterTabs.getByRole("link", { name: "Events" })).toHaveCount(0);
  await expect(page.getByTestId("error-state")).toHaveCount(0);
  // Her "New project" is off, and a keyboard user learns why.
  await page.getByRole("link", { name: "Projects", exact: true }).click();
  const create = page.getByRole("button", { name: "New project" });
  await expect(create).toHaveAttribute("aria-disabled", "true");
  await create.focus();
  await expect(page.getByRole("tooltip")).toBeVisible();
  await expect(page.getByRole("tooltip")).toContainText("Tenant member role");
  await expect(create).toHaveAccessibleDescription(/Tenant member role/);
  await page.close();

  // Dave views Globex: its workloads but not its secrets.
  const dave = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signInLocal(dave, "dave", DEMO_PASSWORD);
  await dave.getByRole("link", { name: "Clusters", exact: true }).click();
  await dave.getByTestId("cluster-row-member-2").getByRole("link").click();
  await dave.getByRole("navigation", { name: "Cluster sections" }).getByRole("link", { name: "Namespaces" }).click();
  await dave.getByRole("link", { name: "globex-web", exact: true }).click();
  const kinds = dave.getByRole("navigation", { name: "Workload kinds" });
  await expect(kinds.getByRole("link", { name: "Pods" })).toBeVisible();
  await expect(kinds.getByRole("link", { name: "ConfigMaps" })).toBeVisible();
  await expect(kinds.getByRole("link", { name: "Secrets" })).toHaveCount(0);
  await dave.close();
});

import { type Page, expect, test } from "@playwright/test";
import { adminApi, kubectl, registerFleet, runId, signInLocal } from "./support/helpers";

// The Events page of a cluster: its filters on real events of member-1, and
// pages with ages that load without hydration errors, in both languages.

const id = runId();
const ns = `e2e-events-${id}`;
const reasons = { warnCm: `ProbeWarn${id}`, warnSvc: `SyncWarn${id}`, noteCm: `Noted${id}` };

function event(name: string, type: "Normal" | "Warning", kind: string, reason: string) {
  const now = new Date().toISOString();
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: ns },
    type,
    reason,
    message: `${name} of run ${id}`,
    involvedObject: { apiVersion: "v1", kind, name: `${kind.toLowerCase()}-${id}`, namespace: ns },
    source: { component: "e2e" },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
}

test.beforeAll(async ({ browser }) => {
  kubectl("member-1", ["create", "namespace", ns]);
  const items = [event("warn-cm", "Warning", "ConfigMap", reasons.warnCm), event("warn-svc", "Warning", "Service", reasons.warnSvc), event("note-cm", "Normal", "ConfigMap", reasons.noteCm)];
  kubectl("member-1", ["create", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "List", items }));
  const { page, req, headers } = await adminApi(browser);
  await registerFleet(req, headers);
  await page.close();
});

test.afterAll(() => {
  kubectl("member-1", ["delete", "namespace", ns, "--ignore-not-found", "--wait=false"]);
});

/** Everything that went wrong on the page: uncaught errors, hydration complaints, failed requests. */
function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Minified React error #(418|423|425)|hydrat/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("requestfailed", (r) => {
    // Navigating away aborts streams and prefetches: not a failure of the page.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  return problems;
}

/**
 * A full load whose JavaScript arrives late: hydration runs seconds after the
 * server rendered, so any text computed from the clock on both sides (ages)
 * would differ and React would report #418.
 */
async function loadSlowly(page: Page, path: string) {
  await page.route("**/_next/static/chunks/**", async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(path);
  await page.waitForLoadState("load");
  await page.unroute("**/_next/static/chunks/**");
}

const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ hasText: `${name} of run ${id}` });

test("filters a cluster's events by type, kind and reason, kept in the address", async ({ page }) => {
  const problems = watchProblems(page);
  await signInLocal(page);
  await page.getByRole("link", { name: "Open member-1" }).click();
  await page.getByRole("navigation", { name: "Cluster sections" }).getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/\/c\/member-1\/events$/);

  await page.getByRole("searchbox", { name: "Filter" }).fill(id);
  for (const n of ["warn-cm", "warn-svc", "note-cm"]) await expect(rowOf(page, n)).toBeVisible();

  // "Warnings only", from the keyboard.
  const warningsOnly = page.getByRole("button", { name: "Warnings only" });
  await warningsOnly.focus();
  await page.keyboard.press("Space");
  await expect(warningsOnly).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Type", { exact: true })).toHaveValue("Warning");
  await expect(rowOf(page, "warn-cm")).toBeVisible();
  await expect(rowOf(page, "warn-svc")).toBeVisible();
  await expect(rowOf(page, "note-cm")).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]type=Warning/);

  // The kinds offered are those of the events present; ConfigMap narrows to one warning.
  const kind = page.getByLabel("Object kind");
  await expect(kind.locator("option", { hasText: /^Service \(\d+\)$/ })).toHaveCount(1);
  await kind.selectOption("ConfigMap");
  await expect(rowOf(page, "warn-cm")).toBeVisible();
  await expect(rowOf(page, "warn-svc")).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]kind=ConfigMap/);

  // Any type again, then a reason: only the Normal event that has it.
  await page.getByLabel("Type", { exact: true }).selectOption("");
  await expect(warningsOnly).toHaveAttribute("aria-pressed", "false");
  const reason = page.getByLabel("Reason", { exact: true });
  await expect(reason.locator("option", { hasText: reasons.warnSvc })).toHaveCount(0); // a Service's reason, not a ConfigMap's
  await reason.selectOption(reasons.noteCm);
  await expect(rowOf(page, "note-cm")).toBeVisible();
  await expect(rowOf(page, "warn-cm")).toHaveCount(0);
  const rowType = rowOf(page, "note-cm").getByRole("cell").nth(1);
  await expect(rowType).toHaveText("Normal");

  // The filtered view is a link: a fresh load shows the same rows and choices.
  const url = page.url();
  expect(url).toMatch(new RegExp(`[?&]reason=${reasons.noteCm}`));
  expect(url).toMatch(new RegExp(`[?&]q=${id}`));
  await page.goto(url);
  await expect(page.getByRole("searchbox", { name: "Filter" })).toHaveValue(id);
  await expect(page.getByLabel("Object kind")).toHaveValue("ConfigMap");
  await expect(rowOf(page, "note-cm")).toBeVisible();
  await expect(rowOf(page, "warn-cm")).toHaveCount(0);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rowOf(page, "warn-svc")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/events\\?q=${id}$`));
  expect(problems).toEqual([]);
});

test("pages with ages hydrate without errors, and the favicon is there", async ({ page }) => {
  const problems = watchProblems(page);
  await signInLocal(page);
  for (const path of ["/c/member-1/events", "/c/member-1/nodes", "/c/member-1/namespaces", `/c/member-1/ns/${ns}/configmaps`]) {
    await loadSlowly(page, path);
    // The list rendered with ages (the seconds-old events, namespace and its configmap).
    await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
    await expect(page.getByRole("table").locator("time").first()).toHaveText(/^\d+[smhd]/);
  }
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "kube-root-ca.crt" })).toBeVisible();

  // What the browser asks for as the page's icon, and the address it tries without one.
  const icons = await page.locator('head link[rel~="icon"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  for (const href of [...icons, new URL("/favicon.ico", page.url()).href]) {
    const r = await page.request.get(href);
    expect(r.status(), href).toBe(200);
    expect(r.headers()["content-type"], href).toMatch(/^image\//);
  }
  expect(problems).toEqual([]);
});

test("in Chinese, ages read as relative times and the cluster switcher's status is translated", async ({ page }) => {
  const problems = watchProblems(page);
  await signInLocal(page);
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.getByRole("link", { name: "打开 member-1" }).click();
  await page.getByRole("navigation", { name: "集群页面" }).getByRole("link", { name: "事件" }).click();
  await page.getByRole("searchbox", { name: "筛选" }).fill(id);
  const row = page.getByRole("row").filter({ hasText: `warn-cm of run ${id}` });
  await expect(row.getByRole("cell").first()).toHaveText(/^\d+\s*(秒钟|分钟|小时|天)前$/);
  await expect(row.getByRole("cell").nth(1)).toHaveText("警告");
  await expect(page.getByRole("button", { name: "仅看警告" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "集群", exact: true }).locator("option", { hasText: "member-1" })).toHaveText(/· 就绪$/);

  // A full Chinese load hydrates cleanly too.
  await loadSlowly(page, `/c/member-1/ns/${ns}/configmaps`);
  await expect(page.getByRole("table").locator("time").first()).toHaveText(/^\d+\s*(秒钟|分钟|小时|天)前$/);
  expect(problems).toEqual([]);

  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

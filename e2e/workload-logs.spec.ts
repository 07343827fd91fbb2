import { mkdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { adminApi, createUsers, kubectl, openProject, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A developer opens a Deployment's Logs tab from the workloads list: the lines
// of its three pods merged, each with its pod's prefix. A pod deleted while
// following leaves the stream and its replacement joins it; search marks the
// matches and the pod filter hides a pod's lines. With eight pods followed the
// page keeps working: the logs come as one stream (GET /api/logs), not one
// connection a container (browsers have six per origin), so a click on a link
// navigates at once.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `lg-${run}`;
const project = `${tenant}-app`;
const developer = `lgd-${run}`;
const password = "e2e-user-password";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: project },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
  },
};

const many = {
  ...deployment,
  metadata: { name: "many", namespace: project },
  spec: { ...deployment.spec, replicas: 8, selector: { matchLabels: { app: "many" } }, template: { ...deployment.spec.template, metadata: { labels: { app: "many" } } } },
};

/** The workload's pods not being deleted, by name. */
const livePods = (app = "web"): string[] =>
  (JSON.parse(kubectl("member-1", ["get", "pods", "-n", project, "-l", `app=${app}`, "-o", "json"])).items as { metadata: { name: string; deletionTimestamp?: string } }[])
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await createUsers(req, headers, [developer], password);
  const b = await req.post("/api/rolebindings", { headers, data: { subject: { kind: "User", name: developer }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: project } } });
  expect(b.status(), await b.text()).toBe(201);
  await page.close();
  kubectl("member-1", ["apply", "-f", "-"], JSON.stringify(deployment));
  kubectl("member-1", ["apply", "-f", "-"], JSON.stringify(many));
  kubectl("member-1", ["rollout", "status", "deployment/web", "-n", project, "--timeout=90s"]);
  kubectl("member-1", ["rollout", "status", "deployment/many", "-n", project, "--timeout=90s"]);
});

test.afterAll(({ browser }) => removeTestData(browser, { tenant, project, users: [developer] }));

test("a developer follows the logs of a deployment's pods as they come and go", async ({ page }) => {
  test.setTimeout(150_000);
  const failures: string[] = [];
  page.on("pageerror", (e) => failures.push(e.message));

  await signInLocal(page, developer, password);
  await openProject(page, project);
  await page.getByRole("link", { name: "Workloads on member-1" }).click();
  const kind = page.getByRole("navigation", { name: "Workload kinds" }).getByRole("link", { name: "Deployments" });
  await kind.click();
  await expect(kind).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("table", { name: "Deployments" })).toBeVisible();
  await page.getByTestId("deployment-row-web").getByRole("link", { name: "web", exact: true }).click();
  await page.getByRole("tablist", { name: "Object sections" }).getByRole("tab", { name: "Logs" }).click();
  await expect(page).toHaveURL(/\?tab=logs$/);

  // Lines of all three pods, each prefixed with its pod.
  const before = livePods();
  expect(before).toHaveLength(3);
  const out = page.getByRole("log", { name: "Logs of web" });
  const prefixes = async () => [...new Set(await out.getByTestId("log-pod").allTextContents())].sort();
  await expect.poll(prefixes, { timeout: 30_000 }).toEqual(before);
  await expect(page.getByTestId("workload-logs-state")).toHaveText("Following 3 pods (3 streams)");
  const filter = page.getByRole("group", { name: "Pods" });
  for (const p of before) await expect(filter.getByRole("button", { name: p })).toHaveAttribute("aria-pressed", "true");

  mkdirSync("/tmp/walk", { recursive: true });
  await page.screenshot({ path: "/tmp/walk/workload-logs.png", fullPage: true });

  // A pod deleted while following leaves; the ReplicaSet's replacement joins and its lines come.
  const [gone, ...kept] = before;
  kubectl("member-1", ["delete", "pod", gone, "-n", project, "--wait=false"]);
  await expect(out.locator(`[data-testid="log-marker"][data-event="left"][data-pod="${gone}"]`)).toBeAttached({ timeout: 30_000 });
  await expect(out.getByText(`pod ${gone} left`)).toBeAttached();
  const joined = out.locator('[data-testid="log-marker"][data-event="joined"]').first();
  await expect(joined).toBeAttached({ timeout: 30_000 });
  const newcomer = (await joined.getAttribute("data-pod")) ?? "";
  expect([...before, ""]).not.toContain(newcomer);
  await expect(out.locator(`[data-pod="${newcomer}"][data-kind="line"]`).first()).toBeAttached({ timeout: 30_000 });
  await expect(filter.getByRole("button", { name: gone })).toHaveAttribute("title", "This pod left; its lines stay");
  await expect(page.getByTestId("workload-logs-state")).toHaveText("Following 3 pods (3 streams)");

  // Search marks the matches; "only matching lines" keeps just those.
  await page.getByRole("searchbox", { name: "Search the logs" }).fill("HTTP/1.1");
  await expect(out.locator("mark").first()).toHaveText("HTTP/1.1");
  await expect(page.getByTestId("log-matches")).toContainText(/\d+ matching lines/);
  // Going to a match pauses auto-scroll and brings the match into view; resuming follows again.
  await page.getByRole("button", { name: "Next match" }).click();
  await expect(out.locator('[data-current="true"] mark').first()).toBeInViewport();
  await page.getByRole("button", { name: "Auto-scroll paused — jump to the end" }).click();
  await expect(page.getByRole("button", { name: "Auto-scroll paused — jump to the end" })).toBeHidden();
  await page.getByRole("checkbox", { name: "Only matching lines" }).check();
  await expect.poll(async () => (await out.locator('[data-kind="line"]').allTextContents()).every((t) => t.includes("HTTP/1.1"))).toBe(true);
  await page.getByRole("checkbox", { name: "Only matching lines" }).uncheck();
  await page.getByRole("searchbox", { name: "Search the logs" }).fill("");
  await expect(out.locator("mark")).toHaveCount(0);

  // The pod filter hides one pod's lines, the others stay.
  const [hidden, shown] = kept;
  await filter.getByRole("button", { name: hidden }).click();
  await expect(filter.getByRole("button", { name: hidden })).toHaveAttribute("aria-pressed", "false");
  await expect(out.locator(`[data-pod="${hidden}"]`)).toHaveCount(0);
  await expect(out.locator(`[data-pod="${shown}"][data-kind="line"]`).first()).toBeAttached();
  await filter.getByRole("button", { name: hidden }).click();
  await expect(out.locator(`[data-pod="${hidden}"][data-kind="line"]`).first()).toBeAttached();

  // Download: the merged lines, each with its pod.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("web.log");
  const saved = readFileSync(await download.path(), "utf8");
  for (const p of [...kept, newcomer]) expect(saved).toMatch(new RegExp(`^${p} .*HTTP/1\\.1`, "m"));
  expect(saved).toContain(`${gone} pod ${gone} left`);

  // Wrapped with timestamps in a narrow window: every row fits the height the virtualizer gave it.
  await page.setViewportSize({ width: 900, height: 800 });
  await page.getByRole("checkbox", { name: "Timestamps" }).check();
  await page.getByRole("checkbox", { name: "Wrap lines" }).check();
  await expect(out.locator('[data-kind="line"]').first()).toContainText(/^\d{4}-\d\d-\d\dT[\d:.]+Z web-/);
  const fit = () =>
    out.getByTestId("log-row").evaluateAll((rows) => ({
      overflowing: rows.filter((r) => r.scrollHeight > r.clientHeight + 1).length,
      wrapped: rows.some((r) => r.clientHeight >= 40),
    }));
  await expect.poll(fit).toEqual({ overflowing: 0, wrapped: true });
  await page.screenshot({ path: "/tmp/walk/workload-logs-wrap.png" });

  // The same view in the dark theme, for the eye.
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: "/tmp/walk/workload-logs-dark.png", fullPage: true });
  expect(failures).toEqual([]);
});

test("with eight pods followed, the page still navigates at once", async ({ page }) => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  page.on("pageerror", (e) => failures.push(e.message));
  const logStreams: string[] = [];
  page.on("request", (r) => {
    if (/\/pods\/[^/]+\/log|\/api\/logs\?/.test(r.url())) logStreams.push(r.url());
  });

  await signInLocal(page, developer, password);
  await openProject(page, project);
  await page.getByRole("link", { name: "Workloads on member-1" }).click();
  const kind = page.getByRole("navigation", { name: "Workload kinds" }).getByRole("link", { name: "Deployments" });
  await kind.click();
  await page.getByTestId("deployment-row-many").getByRole("link", { name: "many", exact: true }).click();
  await page.getByRole("tablist", { name: "Object sections" }).getByRole("tab", { name: "Logs" }).click();
  await expect(page).toHaveURL(/\?tab=logs$/);

  const pods = livePods("many");
  expect(pods).toHaveLength(8);
  const out = page.getByRole("log", { name: "Logs of many" });
  const prefixes = async () => [...new Set(await out.getByTestId("log-pod").allTextContents())].sort();
  await expect.poll(prefixes, { timeout: 30_000 }).toEqual(pods);
  await expect(page.getByTestId("workload-logs-state")).toHaveText("Following 8 pods (8 streams)");
  // One stream for all eight pods.
  expect(logStreams.filter((u) => u.includes("/api/logs?"))).toHaveLength(1);
  expect(logStreams.filter((u) => u.includes("/log?") && !u.includes("/api/logs?"))).toEqual([]);

  // While the logs flow, a link navigates within seconds (before, it waited for a free connection forever).
  const t0 = Date.now();
  await page.getByRole("navigation", { name: "Workload kinds" }).getByRole("link", { name: "Deployments" }).click();
  await expect(page.getByRole("table", { name: "Deployments" })).toBeVisible({ timeout: 5_000 });
  await expect(page.getByTestId("deployment-row-web")).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - t0).toBeLessThan(5_000);
  expect(failures).toEqual([]);
});

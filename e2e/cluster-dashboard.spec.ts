import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { adminApi, createUsers, fleetKubeconfig, kubectl, removeTestData, root, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A cluster's dashboard and the fleet totals, against the real fleet: the
// numbers are the ones kubectl reads, a Warning event made here shows up, and
// a developer who may not list nodes sees the dashboard without a forbidden box.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `dash-${run}`;
const project = `${tenant}-app`;
const developer = `dana-${run}`;
const password = "e2e-user-password";
const reason = `DashboardProbe${run}`;
const clusters = ["host", "member-1", "member-2"];

function prometheusOf(cluster: string): string {
  const fleet = JSON.parse(readFileSync(path.join(root, ".fleet/fleet.json"), "utf8")) as { name: string; prometheus: string }[];
  return fleet.find((c) => c.name === cluster)!.prometheus;
}

interface NodeList {
  items: { status: { allocatable: Record<string, string> } }[];
}
const nodesOf = (cluster: string) => JSON.parse(kubectl(cluster, ["get", "nodes", "-o", "json"])) as NodeList;

/** Uncaught errors and React's hydration complaints, collected for the end of a test. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#418|#423|#425/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  for (const c of ["member-1", "member-2"]) {
    const reg = await req.post("/api/clusters", { headers, data: { source: "kubeconfig", name: c, kubeconfig: fleetKubeconfig(c), prometheusURL: prometheusOf(c) } });
    expect([201, 409]).toContain(reg.status());
    // Another spec may have registered it first, without its Prometheus.
    expect((await req.patch(`/api/clusters/${c}`, { headers, data: { prometheusURL: prometheusOf(c) } })).status()).toBe(200);
  }
  await tenantWithProject(req, headers, { tenant, project });
  await createUsers(req, headers, [developer], password);
  const binding = await req.post("/api/rolebindings", {
    headers,
    data: { subject: { kind: "User", name: developer }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: project } },
  });
  expect(binding.status(), await binding.text()).toBe(201);
  await page.close();
  const now = new Date().toISOString();
  kubectl(
    "member-1",
    ["create", "-f", "-"],
    JSON.stringify({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `probe.${run}`, namespace: project },
      involvedObject: { kind: "Pod", name: "probe", namespace: project },
      type: "Warning",
      reason,
      message: `The dashboard probe ${run} warns.`,
      source: { component: "e2e" },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    }),
  );
});

test.afterAll(async ({ browser }) => {
  await removeTestData(browser, { tenant, project, users: [developer] });
});

test("the Overview totals match kubectl, and member-1's dashboard opened from its card shows capacity, warnings and version", async ({ page }) => {
  const errors = watchErrors(page);
  await signInLocal(page);

  // The fleet's three clusters, and any other a spec before this one registered in this console.
  const cards = page.locator('[data-testid^="cluster-card-"]');
  await expect(cards.first()).toBeVisible();
  const names = (await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice("cluster-card-".length)))).sort();
  expect(names).toEqual(expect.arrayContaining(clusters));
  await expect(page.getByTestId("total-clusters-value")).toHaveText(String(names.length));
  // Node counts arrive with each cluster's health check: wait for them to agree with kubectl.
  await expect
    .poll(
      async () => {
        let want = 0;
        for (const c of names) want += clusters.includes(c) ? nodesOf(c).items.length : Number(await page.getByTestId(`cluster-card-${c}`).getByTestId("node-count").textContent());
        return Number(await page.getByTestId("total-nodes-value").textContent()) - want;
      },
      { timeout: 30_000 },
    )
    .toBe(0);
  await expect(page.getByTestId("total-clusters")).toContainText(`${names.length} ready`);
  await expect(page.getByTestId("total-alerts-value")).toHaveText(/^\d+/);

  await page.getByTestId("cluster-card-member-1").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/c\/member-1$/);
  await expect(page).toHaveTitle(/^Overview · member-1/);
  const tabs = page.getByRole("navigation", { name: "Cluster sections" });
  await expect(tabs.getByRole("link").first()).toHaveText("Overview");
  await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  const nodes = nodesOf("member-1");
  const capacity = page.getByTestId("dashboard-capacity");
  await expect(capacity.getByTestId("capacity-nodes")).toHaveText(`${nodes.items.length} nodes`);
  // kubectl's quantities: "110", or "20k" on the fleet's bench node.
  const count = (q: string) => Number(q.replace(/k$/, "")) * (q.endsWith("k") ? 1000 : 1);
  const pods = nodes.items.reduce((n, x) => n + count(x.status.allocatable.pods), 0);
  expect(pods).toBeGreaterThan(0);
  await expect(capacity.getByTestId("capacity-pods-allocatable")).toHaveText(String(pods));
  await expect(capacity.getByRole("meter", { name: "CPU requested of allocatable" })).toBeVisible();
  // member-1 has a Prometheus: actual use is shown beside the requests.
  await expect(capacity.getByTestId("capacity-cpu-in-use")).not.toHaveText("—");
  await expect(page.getByTestId("dashboard-node-conditions").getByTestId("nodes-total")).toHaveText(String(nodes.items.length));

  const version = JSON.parse(kubectl("member-1", ["version", "-o", "json"])).serverVersion.gitVersion as string;
  await expect(page.getByTestId("dashboard-version")).toContainText(version);
  await expect(page.getByTestId("dashboard-control-plane").getByTestId("component-etcd")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("dashboard-warnings").getByTestId("warning-event").filter({ hasText: reason })).toContainText(`${project}/Pod/probe`);
  await expect(page.getByTestId("dashboard-warnings").getByRole("link", { name: "View all events" })).toBeVisible();
  await expect(page.getByTestId("dashboard-alerts")).toBeVisible();
  await expect(page.getByTestId("dashboard-top-namespaces").getByTestId("top-cpu").getByRole("link").first()).toBeVisible();

  // The other tabs still open from here.
  await tabs.getByRole("link", { name: "Nodes", exact: true }).click();
  await expect(page).toHaveURL(/\/c\/member-1\/nodes$/);
  await expect(tabs.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current", "page");
  expect(errors).toEqual([]);
});

test("in Chinese the dashboard and the totals read in Chinese", async ({ page, context }) => {
  const errors = watchErrors(page);
  await signInLocal(page);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId("total-clusters")).toContainText("集群");
  await expect(page.getByTestId("total-tenants")).toContainText("租户");
  await page.getByTestId("cluster-card-member-1").getByRole("link").first().click();
  await expect(page.getByRole("navigation", { name: "集群页面" }).getByRole("link").first()).toHaveText("概览");
  await expect(page.getByTestId("dashboard-capacity")).toContainText("容量与分配");
  await expect(page.getByTestId("dashboard-warnings")).toContainText("最近的警告");
  // Ages read in Chinese, not "18m前".
  await expect(page.getByTestId("dashboard-warnings").getByTestId("warning-event").first()).toContainText(/\d+\s*(秒钟|分钟|小时|天)前/);
  await expect(page.getByTestId("dashboard-capacity").getByTestId("capacity-nodes")).toHaveText(`${nodesOf("member-1").items.length} 个节点`);
  expect(errors).toEqual([]);
});

test("a developer who may not list nodes sees the dashboard of their project's cluster without a forbidden box", async ({ page }) => {
  const errors = watchErrors(page);
  await signInLocal(page, developer, password);
  await expect(page.getByTestId("total-tenants-value")).toHaveText("1");
  await expect(page.getByTestId("total-projects-value")).toHaveText("1");
  await expect(page.getByTestId("total-clusters-value")).toHaveText("1");

  await page.getByTestId("cluster-card-member-1").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/c\/member-1$/);
  const dashboard = page.getByTestId("cluster-dashboard");
  await expect(page.getByTestId("dashboard-version")).toBeVisible();
  // The events of their project, the Warning among them.
  await expect(page.getByTestId("dashboard-warnings").getByTestId("warning-event").filter({ hasText: reason })).toBeVisible();
  // The cluster's Events page is not theirs: not offered.
  await expect(page.getByTestId("dashboard-warnings").getByRole("link", { name: "View all events" })).toHaveCount(0);
  await expect(page.getByTestId("dashboard-loading")).toHaveCount(0);
  // What needs the whole cluster is left out, and says so once.
  await expect(page.getByTestId("dashboard-capacity")).toHaveCount(0);
  await expect(page.getByTestId("dashboard-node-conditions")).toHaveCount(0);
  await expect(page.getByTestId("dashboard-control-plane")).toHaveCount(0);
  await expect(page.getByText("shown to those who may see the whole cluster")).toBeVisible();
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
  await expect(dashboard).not.toContainText(/forbidden/i);
  expect(errors).toEqual([]);
});

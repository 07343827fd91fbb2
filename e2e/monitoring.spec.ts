import { execFileSync } from "node:child_process";
import path from "node:path";
import { type Locator, type Page, expect, test } from "@playwright/test";
import { registerFleet, root, signInLocal } from "./support/helpers";

// Dashboards on the fleet's real Prometheus: the platform overview shows every
// cluster's charts with data and the fleet's firing alert; a developer's
// project dashboard shows usage against the project's quota.

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).slice(-4);
const tenant = `mon-${run}`;
const project = `${tenant}-app`;
const developer = `devon-${run}`;
const password = "e2e-user-password";
const clusters = ["host", "member-1", "member-2"];

function kubectl(cluster: string, args: string[], input?: string) {
  return execFileSync(path.join(root, ".fleet/bin/kubectl"), [`--context=${cluster}`, ...args], {
    env: { ...process.env, KUBECONFIG: path.join(root, ".fleet/kubeconfig") },
    input,
    encoding: "utf8",
  });
}

/** The number of points a chart received (its data-points attribute; 0 until data arrived). */
async function points(chart: Locator): Promise<number> {
  return Number((await chart.getAttribute("data-points")) ?? 0);
}

test.beforeAll(async ({ browser }) => {
  // A project of the tenant on member-1 with a quota and pods that use CPU and memory (kwok reports the annotated usage).
  kubectl(
    "member-1",
    ["apply", "-f", "-"],
    [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: project, labels: { "pilothouse.dev/tenant": tenant }, annotations: { "pilothouse.dev/display-name": "Monitored App" } } },
      { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "compute", namespace: project }, spec: { hard: { pods: "10", "requests.cpu": "2", "requests.memory": "2Gi" } } },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "api", namespace: project },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "api" } },
          template: {
            metadata: { labels: { app: "api" }, annotations: { "fleet.pilothouse.dev/usage-cpu": "120m", "fleet.pilothouse.dev/usage-memory": "150Mi" } },
            spec: { containers: [{ name: "api", image: "nginx:1.27", resources: { requests: { cpu: "250m", memory: "256Mi" } } }] },
          },
        },
      },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n---\n"),
  );

  const page = await browser.newPage();
  await signInLocal(page);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const headers = { "x-csrf-token": csrfToken };
  await registerFleet(page.request, headers);
  expect((await page.request.post("/api/users", { headers, data: { username: developer, password } })).status()).toBe(201);
  expect((await page.request.post("/api/tenants", { headers, data: { name: tenant, clusters: ["member-1"] } })).status()).toBe(201);
  const binding = await page.request.post("/api/rolebindings", {
    headers,
    data: { subject: { kind: "User", name: developer }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: project } },
  });
  expect(binding.status()).toBe(201);
  await page.close();
});

test.afterAll(() => {
  kubectl("member-1", ["delete", "namespace", project, "--ignore-not-found", "--wait=false"]);
});

test("an admin sees every cluster's charts with data and the fleet's firing alert", async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  await signInLocal(page);
  await page.getByRole("link", { name: "Monitoring", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Monitoring" })).toBeVisible();

  for (const c of clusters) {
    const card = page.getByTestId(`monitoring-cluster-${c}`);
    await card.scrollIntoViewIfNeeded();
    for (const template of ["cluster_cpu_utilisation", "cluster_memory_utilisation"]) {
      const chart = card.getByTestId(`chart-${template}-${c}`);
      await expect.poll(() => points(chart), { timeout: 60_000, message: `${template} on ${c}` }).toBeGreaterThan(0);
      // uPlot was loaded and drew.
      await expect(chart.locator("canvas").first()).toBeVisible();
    }
    await expect(card.getByTestId("stat-nodes")).toContainText(/\d+ \/ \d+/);
  }

  // One metric of all three clusters on one chart.
  const compare = page.getByTestId("chart-compare");
  await compare.scrollIntoViewIfNeeded();
  await expect.poll(() => points(compare), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(compare.locator("li[data-series]")).toHaveCount(3);
  await compare.getByRole("combobox").selectOption({ label: "Pods running" });
  await expect(page).toHaveURL(/compare=cluster_pods_running/);
  await expect.poll(() => points(compare), { timeout: 30_000 }).toBeGreaterThan(0);

  // The time range lives in the address and every chart follows it.
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "6h" }).click();
  await expect(page).toHaveURL(/range=6h/);
  await expect.poll(() => points(page.getByTestId("chart-cluster_cpu_utilisation-host")), { timeout: 30_000 }).toBeGreaterThan(0);

  // The crash-looping pod in acme-payments (seeded on member-1) fires within about a minute of the fleet's start.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("alerts-list").getByTestId("alert-member-1-KubePodCrashLooping").first()).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000, 10_000] });
  await expect(page.getByTestId("alert-member-1-KubePodCrashLooping").first()).toHaveAttribute("data-state", "firing");
  await expect(page.getByTestId("alert-member-1-KubePodCrashLooping").first()).toContainText("acme-payments");

  expect(consoleErrors).toEqual([]);
});

async function asDeveloper(page: Page) {
  await signInLocal(page, developer, password);
}

test("a developer sees their project's usage against its quota, and no cluster dashboards", async ({ page }) => {
  test.setTimeout(180_000);
  await asDeveloper(page);
  await page.goto(`/projects/${tenant}/${project}?refresh=15s`);
  await page.getByRole("tab", { name: "Monitoring" }).click();
  await expect(page).toHaveURL(/tab=monitoring/);

  const cpu = page.getByTestId("chart-project-cpu");
  await expect.poll(() => points(cpu), { timeout: 90_000 }).toBeGreaterThan(0);
  // Usage and the quota's hard limit, with the limit's value in the legend.
  await expect(cpu.locator('li[data-role="series"]')).toHaveText(/Usage/, { timeout: 90_000 });
  await expect(cpu.locator('li[data-role="limit"]')).toContainText("Quota (hard)");
  await expect(cpu.locator('li[data-role="limit"]')).toContainText("2 cores", { timeout: 60_000 });
  await expect(page.getByTestId("stat-cpu-requests")).toContainText("500m / 2 cores", { timeout: 60_000 });

  const memory = page.getByTestId("chart-project-memory");
  await memory.scrollIntoViewIfNeeded();
  await expect.poll(() => points(memory), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(memory.locator('li[data-role="series"]')).toHaveText(/Usage/, { timeout: 60_000 });
  await expect(memory.locator('li[data-role="limit"]')).toContainText("2 GiB", { timeout: 60_000 });

  // The cluster's own dashboards are not the developer's: the overview says where theirs are, the API refuses.
  await page.goto("/monitoring");
  await expect(page.getByText("You may not see any cluster's dashboards.")).toBeVisible();
  await expect(page.getByTestId("monitoring-cluster-member-1")).toHaveCount(0);
  const refused = await page.request.get("/api/metrics/query?templates=cluster_cpu_usage&clusters=member-1&range=15m");
  expect(refused.status()).toBe(403);
});

import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { adminApi, fleet, fleetKubeconfig, signInLocal } from "./support/helpers";

test.describe.configure({ mode: "serial" });

test("a local user signs in, sees the host cluster Ready and browses its nodes", async ({ page }) => {
  await signInLocal(page);
  const host = page.getByTestId("cluster-card-host");
  await expect(host).toBeVisible();
  await expect(host.getByTestId("health-status")).toHaveAttribute("data-status", "Ready");
  await expect(host.getByTestId("node-count")).toHaveText("3");
  await host.getByRole("link").first().click();
  // The card opens the cluster's dashboard; its Nodes tab lists them.
  await expect(page).toHaveURL(/\/c\/host$/);
  await page.getByRole("navigation", { name: "Cluster sections" }).getByRole("link", { name: "Nodes", exact: true }).click();
  await expect(page).toHaveURL(/\/c\/host\/nodes$/);
  const table = page.getByRole("table", { name: "Nodes" });
  await expect(table.getByRole("row")).toHaveCount(4); // header + 3 nodes
  await expect(table.getByText("host-worker-a")).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  // Read-only YAML of a node.
  await page.getByRole("button", { name: "View YAML: host-infra-c" }).click();
  await expect(page.getByTestId("yaml")).toContainText("name: host-infra-c");
  await expect(page.getByTestId("yaml")).toContainText("node-role.kubernetes.io/infra");
  await page.keyboard.press("Escape");
  // Namespaces and events pages of the same cluster.
  await page.getByRole("link", { name: "Namespaces", exact: true }).click();
  await expect(page.getByRole("table", { name: "Namespaces" }).getByText("acme-shop", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Events", exact: true }).click();
  await expect(page.getByRole("table", { name: "Events" })).toBeVisible();
});

test("Pipelines in the navigation lists the seed's pipeline and its runs across the fleet", async ({ page, browser }) => {
  // The console's state is fresh each run: member-1, where the seed's pipeline lives, may not be registered yet.
  const admin = await adminApi(browser);
  const reg = await admin.req.post("/api/clusters", { headers: admin.headers, data: { source: "kubeconfig", name: "member-1", kubeconfig: fleetKubeconfig("member-1") } });
  expect([201, 409]).toContain(reg.status());
  await admin.page.close();
  await signInLocal(page);
  const link = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: /^Pipelines/ });
  await expect(link).not.toContainText("Soon");
  await link.click();
  await expect(page).toHaveURL(/\/pipelines$/);
  await expect(page).toHaveTitle(/^Pipelines · /);
  await expect(link).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pipelines");
  await expect(page.getByTestId("pipeline-row-member-1-acme-payments-build-test-image")).toBeVisible();
  // The seed's failing run (its unit tests exit 1) says so.
  await expect(page.getByTestId("pipelinerun-row-member-1-acme-payments-build-test-image-m3x8p")).toContainText("Failed", { timeout: 60_000 });
  await expect(page.getByTestId("pipelinerun-row-member-1-acme-payments-build-test-image-m3x8p")).toContainText("carol");
});

test("signs in through a real OpenID provider and creates the user on first login", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Example SSO" }).click();
  // oidc-provider's development login and consent pages.
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${E2E.oidcPort}/`));
  await page.locator('input[name="login"]').fill("olivia");
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${E2E.port}/$`));
  await expect(page.getByRole("button", { name: /Account menu for olivia/ })).toBeVisible();
  // A user without any role sees no clusters and cannot use the API proxy.
  await expect(page.getByText("Ask a platform admin for access to a cluster.")).toBeVisible();
  // Namespace lists show only what one may see: nothing, here.
  const nss = await page.request.get("/clusters/host/api/v1/namespaces");
  expect(nss.status()).toBe(200);
  expect((await nss.json()).items).toEqual([]);
  const pods = await page.request.get("/clusters/host/api/v1/namespaces/default/pods");
  expect(pods.status()).toBe(403);
  const session = await (await page.request.get("/api/session")).json();
  expect(session.user.groups).toEqual(["sso-users", "team-olivia"]);
  await page.getByRole("button", { name: /Account menu for olivia/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("switches the language to Chinese and back", async ({ page }) => {
  await signInLocal(page);
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概览");
  await expect(page.getByRole("link", { name: "集群" }).first()).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
});

test("downloads a kubeconfig with a context per cluster", async ({ page }) => {
  await signInLocal(page);
  await page.getByRole("button", { name: /Account menu for admin/ }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Download kubeconfig" }).click()]);
  const file = await download.path();
  const text = (await import("node:fs")).readFileSync(file, "utf8");
  expect(text).toMatch(new RegExp(`server: https://127\\.0\\.0\\.1:${E2E.port}/clusters/host`));
  expect(text).toMatch(/token: ph_[a-z0-9]{12}_/);
  expect(fleetKubeconfig("member-1")).toMatch(/member-1/);
});

test("an admin adds member-2 by kubeconfig and browses its nodes", async ({ page, browser }) => {
  // Specs before this one may have registered the whole fleet (the crawl's demo people): start from member-2 unregistered.
  const admin = await adminApi(browser);
  expect([204, 404]).toContain((await admin.req.delete("/api/clusters/member-2", { headers: admin.headers })).status());
  await expect.poll(async () => (await admin.req.get("/api/clusters/member-2")).status()).toBe(404);
  await admin.page.close();
  await signInLocal(page);
  await page.getByRole("link", { name: "Clusters" }).click();
  await page.getByRole("button", { name: "Add cluster" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("member-2");
  await dialog.getByLabel("Display name").fill("Member two");
  await dialog.getByRole("button", { name: "Next" }).click();
  const kubeconfig = fleetKubeconfig("member-2");
  await dialog.getByLabel("Kubeconfig", { exact: true }).fill(kubeconfig);
  await expect(dialog.getByLabel("Context")).toHaveValue("member-2");
  await dialog.getByRole("button", { name: "Next" }).click();
  // The review names the context and its server, never what the kubeconfig holds.
  await expect(dialog.getByRole("heading", { name: "Review" })).toBeVisible();
  const review = dialog.locator("dl");
  await expect(review).toContainText("Member two");
  await expect(review).toContainText(/server: (\S+)/.exec(kubeconfig)![1]);
  await expect(dialog).not.toContainText(/client-key-data: (\S{40})/.exec(kubeconfig)![1]);
  await dialog.getByRole("button", { name: "Register cluster" }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  const row = page.getByTestId("cluster-row-member-2");
  await expect(row).toBeVisible();
  await page.getByRole("link", { name: "Overview" }).click();
  const card = page.getByTestId("cluster-card-member-2");
  await expect(card.getByTestId("health-status")).toHaveAttribute("data-status", "Ready");
  await expect(card.getByTestId("node-count")).toHaveText("3");
  await card.getByRole("link", { name: "Open Member two" }).click();
  await expect(page.getByTestId("dashboard-node-conditions").getByTestId("nodes-total")).toHaveText("3");
  await page.getByRole("navigation", { name: "Cluster sections" }).getByRole("link", { name: "Nodes", exact: true }).click();
  await expect(page.getByRole("table", { name: "Nodes" }).getByText("member-2-worker-b")).toBeVisible();
});

test("a bad kubeconfig gets a field error and nothing is saved", async ({ page }) => {
  await signInLocal(page);
  await page.goto("/clusters");
  await page.getByRole("button", { name: "Add cluster" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("broken");
  await dialog.getByRole("button", { name: "Next" }).click();
  // Not YAML at all: Next keeps the user on the step.
  const field = dialog.getByLabel("Kubeconfig", { exact: true });
  await field.fill("clusters: [unclosed");
  await expect(dialog.getByText(/not valid YAML/)).toBeVisible();
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByRole("heading", { name: "Connection" })).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  // Valid YAML, but the CA of member-1 cannot verify member-2's server: only registering finds out.
  const m1ca = /certificate-authority-data: (\S+)/.exec(fleetKubeconfig("member-1"))![1];
  const wrongCA = fleetKubeconfig("member-2").replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${m1ca}`);
  await field.fill(wrongCA);
  await expect(dialog.getByLabel("Context")).toHaveValue("member-2");
  await dialog.getByRole("button", { name: "Next" }).click();
  await dialog.getByRole("button", { name: "Register cluster" }).click();
  // The server's error lands on the field, back on the step holding it, with what was typed kept.
  await expect(dialog.getByRole("heading", { name: "Connection" })).toBeVisible();
  await expect(dialog.getByText(/TLS verification of https:\/\/127\.0\.0\.1:\d+ failed/)).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveValue(wrongCA);
  await dialog.getByRole("button", { name: "1. Basic information" }).click();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue("broken");
  await expect(dialog).toBeVisible();
  const list = await (await page.request.get("/api/clusters")).json();
  expect(list.items.map((c: { name: string }) => c.name)).not.toContain("broken");
});

test("stopping member-2 turns its card Unreachable while member-1 keeps working", async ({ page }) => {
  await signInLocal(page);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const reg = await page.request.post("/api/clusters", {
    headers: { "x-csrf-token": csrfToken },
    data: { source: "kubeconfig", name: "member-1", kubeconfig: fleetKubeconfig("member-1") },
  });
  expect([201, 409]).toContain(reg.status());
  await page.goto("/");
  await expect(page.getByTestId("cluster-card-member-1").getByTestId("health-status")).toHaveAttribute("data-status", "Ready");
  fleet("fleet-stop", "member-2");
  try {
    const card = page.getByTestId("cluster-card-member-2");
    await expect(card.getByTestId("health-status")).toHaveAttribute("data-status", "Unreachable", { timeout: 10_000 });
    await expect(card).toContainText(/connection refused/);
    await expect(page.getByTestId("cluster-card-member-1").getByTestId("health-status")).toHaveAttribute("data-status", "Ready");
    await page.goto("/c/member-1/nodes");
    await expect(page.getByRole("table", { name: "Nodes" }).getByText("member-1-worker-a")).toBeVisible();
    // The dead cluster's page answers at once with a clear error instead of hanging.
    const t0 = Date.now();
    await page.goto("/c/member-2/nodes");
    await expect(page.getByRole("alert").filter({ hasText: "The cluster is unreachable right now." })).toContainText("cluster member-2 is unreachable");
    expect(Date.now() - t0).toBeLessThan(5_000);
  } finally {
    fleet("fleet-start", "member-2");
  }
  await page.goto("/");
  await expect(page.getByTestId("cluster-card-member-2").getByTestId("health-status")).toHaveAttribute("data-status", "Ready", { timeout: 15_000 });
});

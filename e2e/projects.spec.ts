import { execFileSync } from "node:child_process";
import path from "node:path";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { fleetKubeconfig, root, signInLocal } from "./support/helpers";

// A developer goes from nothing to a running, quota-bounded workload on two
// clusters in the browser; a viewer sees the same pages without edit controls.

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).slice(-4);
const tenant = `e5-${run}`;
const project = `${tenant}-app`;
const password = "e2e-user-password";
const developer = `devi-${run}`;
const viewer = `vic-${run}`;

function kubectl(cluster: string, args: string[]) {
  return execFileSync(path.join(root, ".fleet/bin/kubectl"), [`--context=${cluster}`, ...args], {
    env: { ...process.env, KUBECONFIG: path.join(root, ".fleet/kubeconfig") },
    encoding: "utf8",
  });
}

async function as(browser: Browser, user: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInLocal(page, user, password);
  return page;
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInLocal(page);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const headers = { "x-csrf-token": csrfToken };
  for (const c of ["member-1", "member-2"]) {
    const r = await page.request.post("/api/clusters", { headers, data: { source: "kubeconfig", name: c, kubeconfig: fleetKubeconfig(c) } });
    expect([201, 409]).toContain(r.status());
  }
  for (const u of [developer, viewer]) expect((await page.request.post("/api/users", { headers, data: { username: u, password } })).status()).toBe(201);
  expect((await page.request.post("/api/tenants", { headers, data: { name: tenant, clusters: ["member-1", "member-2"] } })).status()).toBe(201);
  const defaults = await page.request.patch(`/api/tenants/${tenant}`, {
    headers,
    data: { defaults: { quota: { "requests.cpu": "2", "requests.memory": "2Gi", pods: "10" }, limits: { defaultRequest: { cpu: "50m", memory: "64Mi" }, default: { cpu: "200m", memory: "128Mi" } } } },
  });
  expect(defaults.status()).toBe(200);
  for (const [user, role] of [
    [developer, "tenant-member"],
    [viewer, "tenant-viewer"],
  ]) {
    const b = await page.request.post("/api/rolebindings", { headers, data: { subject: { kind: "User", name: user }, role, scope: { type: "tenant", tenant } } });
    expect(b.status()).toBe(201);
  }
  await page.close();
});

test.afterAll(() => {
  for (const c of ["member-1", "member-2"]) kubectl(c, ["delete", "namespace", project, "--ignore-not-found", "--wait=false"]);
});

test("a developer creates a two-cluster project, deploys, scales, hits the quota, rolls back and reads logs", async ({ browser }) => {
  const d = await as(browser, developer);
  await d.getByRole("link", { name: "Projects", exact: true }).click();
  await d.getByRole("button", { name: "New project" }).click();
  const w = d.getByRole("dialog");
  await w.getByRole("combobox", { name: "Tenant" }).selectOption(tenant);
  await w.getByRole("button", { name: "Next" }).click();
  await w.getByRole("checkbox", { name: "member-1" }).check();
  await w.getByRole("checkbox", { name: "member-2" }).check();
  await w.getByRole("button", { name: "Next" }).click();
  await w.getByRole("textbox", { name: "Name", exact: true }).fill(project);
  await w.getByRole("textbox", { name: "Display name" }).fill("E2E App");
  await w.getByRole("button", { name: "Next" }).click();
  await w.getByRole("button", { name: "Next" }).click(); // nodes: none
  // The quota is prefilled from the tenant's defaults; keep pods small to meet it.
  await expect(w.getByRole("textbox", { name: /^CPU requests/ })).toHaveValue("2");
  await w.getByRole("textbox", { name: /^Pods/ }).fill("3");
  await w.getByRole("button", { name: "Next" }).click();
  await w.getByRole("button", { name: "Create project" }).click();
  await expect(w.getByText("Project “E2E App” was created.")).toBeVisible();
  await w.getByRole("link", { name: "Open the project" }).click();
  await expect(d.getByTestId("cluster-status-member-1")).toHaveAttribute("data-phase", "Active");
  await expect(d.getByTestId("cluster-status-member-2")).toHaveAttribute("data-phase", "Active");
  expect(JSON.parse(kubectl("member-2", ["get", "resourcequota", "compute", "-n", project, "-o", "json"])).spec.hard.pods).toBe("3");

  // Deploy from the form on member-1.
  await d.goto(`/c/member-1/ns/${project}/deployments`);
  await d.getByRole("button", { name: "Create deployment" }).click();
  const f = d.getByRole("dialog");
  // Submitted empty while the name still has the focus: every missing field says so, not only the one just left.
  await f.getByRole("button", { name: "Create", exact: true }).click();
  await expect(f.getByText("Required.")).toHaveCount(2);
  await expect(f.getByRole("textbox", { name: "Name", exact: true })).toBeFocused();
  await f.getByRole("textbox", { name: "Name", exact: true }).fill("web");
  await f.getByRole("textbox", { name: "Image", exact: true }).fill("nginx:1.27");
  await f.getByRole("spinbutton", { name: "Replicas" }).fill("2");
  await f.getByRole("button", { name: "Create", exact: true }).click();
  await expect(f).toBeHidden();
  await d.goto(`/c/member-1/ns/${project}/deployments/web`);
  await expect(d.getByTestId("ready-replicas")).toHaveText(/2\s*\/\s*2/, { timeout: 30_000 });

  // Scale to 3 (the quota allows 3 pods), then to 5: the apiserver's quota message shows.
  const scale = async (n: number) => {
    await d.getByRole("button", { name: "Scale: web", exact: true }).click();
    const s = d.getByRole("dialog");
    await s.getByRole("spinbutton", { name: "Replicas" }).fill(String(n));
    await s.getByRole("button", { name: "Scale" }).click();
    await expect(s).toBeHidden();
  };
  await scale(3);
  await expect(d.getByTestId("ready-replicas")).toHaveText(/3\s*\/\s*3/, { timeout: 30_000 });
  await scale(5);
  await expect(d.getByText(/exceeded quota: compute/).first()).toBeVisible({ timeout: 30_000 });
  await scale(3);

  // A new revision (restart), then roll back to the first.
  await d.getByRole("button", { name: "Restart: web", exact: true }).click();
  await d.getByRole("dialog").getByRole("button", { name: "Restart" }).click();
  await expect.poll(() => kubectl("member-1", ["get", "deployment", "web", "-n", project, "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"]), { timeout: 30_000 }).toBe("2");
  await d.getByRole("button", { name: "Roll back: web", exact: true }).click();
  const rb = d.getByRole("dialog");
  await rb.getByRole("radio", { name: /^Revision 1/ }).check();
  await rb.getByRole("button", { name: "Roll back" }).click();
  await expect
    .poll(() => kubectl("member-1", ["get", "deployment", "web", "-n", project, "-o", "jsonpath={.spec.template.metadata.annotations}"]), { timeout: 30_000 })
    .not.toContain("restartedAt");

  // Logs of one of its pods.
  await d.goto(`/c/member-1/ns/${project}/pods`);
  const firstPod = d.locator('[data-testid^="pod-row-"]').first();
  await expect(firstPod).toBeVisible({ timeout: 30_000 });
  const podName = (await firstPod.getAttribute("data-testid"))!.slice("pod-row-".length);
  await d.goto(`/c/member-1/ns/${project}/pods/${podName}?tab=logs`);
  await expect(d.getByTestId("pod-logs")).toContainText("HTTP/1.1", { timeout: 15_000 });
  await d.context().close();
});

test("a viewer sees the same pages without edit controls", async ({ browser }) => {
  const v = await as(browser, viewer);
  await v.goto(`/c/member-1/ns/${project}/deployments/web`);
  await expect(v.getByTestId("ready-replicas")).toBeVisible();
  for (const name of ["Scale: web", "Restart: web", "Roll back: web", "Delete: web"]) {
    const b = v.getByRole("button", { name, exact: true });
    // Hidden, or shown disabled with the reason.
    if (await b.count()) await expect(b).toBeDisabled();
  }
  await v.goto(`/c/member-1/ns/${project}/deployments`);
  const create = v.getByRole("button", { name: "Create deployment" });
  if (await create.count()) await expect(create).toBeDisabled();
  // The project's quota is read-only for a viewer.
  await v.goto(`/projects/${tenant}/${project}?tab=quotas`);
  await expect(v.getByTestId("quota-row-pods").first()).toBeVisible();
  await expect(v.getByRole("button", { name: /Save/ })).toHaveCount(0);
  // And the API agrees: a viewer's write is refused.
  const { csrfToken } = await (await v.request.get("/api/session")).json();
  const res = await v.request.patch(`/clusters/member-1/apis/apps/v1/namespaces/${project}/deployments/web/scale`, {
    headers: { "x-csrf-token": csrfToken, "content-type": "application/merge-patch+json" },
    data: JSON.stringify({ spec: { replicas: 1 } }),
  });
  expect(res.status()).toBe(403);
  await v.context().close();
});

import { execFileSync } from "node:child_process";
import path from "node:path";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { root, signInLocal } from "./support/helpers";

// A tenant manager runs their tenant from the UI alone: adds a member as
// project-developer on one project; the member sees only that tenant's
// projects, may scale a deployment there, is refused elsewhere, and loses
// access as soon as the binding is removed — without signing in again.

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).slice(-4);
const tenant = `e2e-${run}`;
const project = `${tenant}-shop`;
const password = "e2e-user-password";
const manager = `tina-${run}`;
const developer = `dave-${run}`;

function kubectl(args: string[], input?: string) {
  return execFileSync(path.join(root, ".fleet/bin/kubectl"), ["--context=member-1", ...args], {
    env: { ...process.env, KUBECONFIG: path.join(root, ".fleet/kubeconfig") },
    input,
    encoding: "utf8",
  });
}

async function adminRequest(page: Page): Promise<{ req: APIRequestContext; csrf: string }> {
  await signInLocal(page);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  return { req: page.request, csrf: csrfToken };
}

test.beforeAll(async ({ browser }) => {
  kubectl(["apply", "-f", "-"], [
    JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: project, labels: { "pilothouse.dev/tenant": tenant }, annotations: { "pilothouse.dev/display-name": "E2E Shop" } } }),
    JSON.stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: project },
      spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
    }),
  ].join("\n---\n"));
  const page = await browser.newPage();
  const { req, csrf } = await adminRequest(page);
  const headers = { "x-csrf-token": csrf };
  const reg = await req.post("/api/clusters", { headers, data: { source: "kubeconfig", name: "member-1", kubeconfig: (await import("./support/helpers")).fleetKubeconfig("member-1") } });
  expect([201, 409]).toContain(reg.status());
  for (const u of [manager, developer]) {
    expect((await req.post("/api/users", { headers, data: { username: u, password } })).status()).toBe(201);
  }
  const t = await req.post("/api/tenants", { headers, data: { name: tenant, displayName: "E2E Corp", clusters: ["member-1"], managers: [manager] } });
  expect(t.status()).toBe(201);
  await page.close();
});

test.afterAll(() => {
  kubectl(["delete", "namespace", project, "--wait=false"]);
});

test("a tenant manager adds a developer to one project; access follows the binding", async ({ browser }) => {
  // The manager, in the UI.
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signInLocal(m, manager, password);
  await m.getByRole("link", { name: "Access" }).click();
  await m.goto(`/access/tenants/${tenant}`);
  await m.getByRole("button", { name: "Add member" }).click();
  const dialog = m.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "User" }).fill(developer);
  await dialog.getByLabel("One project").check();
  await dialog.getByLabel("Project", { exact: true }).selectOption(`member-1/${project}`);
  await dialog.getByLabel("Role", { exact: true }).selectOption("project-developer");
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog).toBeHidden();
  await expect(m.getByTestId(`member-row-${developer}`)).toBeVisible();

  // The developer, in another browser.
  const dctx = await browser.newContext();
  const d = await dctx.newPage();
  await signInLocal(d, developer, password);
  await d.getByRole("link", { name: "Projects" }).click();
  await expect(d.getByTestId(`project-row-${tenant}-${project}`)).toBeVisible();
  await expect(d.getByRole("table").getByRole("row")).toHaveCount(2); // header + the one project
  const { csrfToken } = await (await d.request.get("/api/session")).json();
  const scale = (ns: string) =>
    d.request.patch(`/clusters/member-1/apis/apps/v1/namespaces/${ns}/deployments/web/scale`, {
      headers: { "x-csrf-token": csrfToken, "content-type": "application/merge-patch+json" },
      data: JSON.stringify({ spec: { replicas: 2 } }),
    });
  expect((await scale(project)).status()).toBe(200);
  const elsewhere = await scale("acme-shop");
  expect(elsewhere.status()).toBe(403);
  expect((await elsewhere.json()).message).toMatch(/cannot patch resource "deployments\/scale" in API group "apps" in the namespace "acme-shop"/);
  // The cluster's nodes are not the developer's business.
  await d.goto("/c/member-1/nodes");
  await expect(d.getByRole("alert").filter({ hasText: "You are not allowed to see this." })).toBeVisible();

  // The manager takes the role away; the developer's next request is refused, no new sign-in.
  await m.getByRole("button", { name: new RegExp(`Remove ${developer}`) }).click();
  await m.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(m.getByTestId(`member-row-${developer}`)).toBeHidden();
  await expect.poll(async () => (await scale(project)).status(), { timeout: 5_000 }).toBe(403);
  await d.goto("/projects");
  await expect(d.getByTestId(`project-row-${tenant}-${project}`)).toBeHidden();
  await mctx.close();
  await dctx.close();
});

import { expect, test } from "@playwright/test";
import { adminApi, createUsers, kubectl, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A tenant's custom role, built by ticking the permission matrix: once bound in
// a project, its holder may do exactly what was ticked there and nothing more.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `cr-${run}`;
const project = `${tenant}-app`;
const role = `config-reader-${run}`;
const holder = `cr-carol-${run}`;
const password = "e2e-user-password";

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await createUsers(req, headers, [holder], password);
  await page.close();
  kubectl("member-1", ["create", "configmap", "settings", "-n", project, "--from-literal=greeting=hello"]);
});

test.afterAll(({ browser }) => removeTestData(browser, { tenant, project, users: [holder] }));

test("a custom role made in the matrix gives exactly the ticked rights", async ({ page, browser }) => {
  await signInLocal(page);
  await page.getByRole("link", { name: "Access", exact: true }).click();
  await page.getByRole("navigation", { name: "Access sections" }).getByRole("link", { name: "Tenants" }).click();
  await page.getByRole("link", { name: `Open tenant ${tenant}` }).click();
  await page.getByRole("tab", { name: "Custom roles" }).click();
  await page.getByRole("button", { name: "Create role" }).click();

  const dialog = page.getByRole("dialog", { name: "Create a custom role" });
  await dialog.getByLabel("Name", { exact: true }).fill(role);
  await dialog.getByLabel("Display name").fill("Config reader");
  await dialog.getByRole("radio", { name: "Project" }).check();
  // Nothing ticked: the matrix says so, and nothing is created.
  await dialog.getByRole("button", { name: "Create role" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "Tick at least one permission." })).toBeVisible();
  await dialog.getByRole("checkbox", { name: "get core/configmaps", exact: true }).check();
  await dialog.getByRole("checkbox", { name: "list core/configmaps", exact: true }).check();
  await dialog.getByRole("checkbox", { name: "get core/pods", exact: true }).check();
  await dialog.getByRole("button", { name: "Create role" }).click();
  await expect(dialog).toBeHidden();

  const roles = page.getByRole("region", { name: "Custom roles" });
  const listed = roles.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Config reader" }) });
  await expect(listed).toContainText(role);
  await listed.getByText("Show the 2 rules").click();
  await expect(listed.getByRole("table", { name: "Rules of Config reader" })).toBeVisible();

  // What was saved is what was ticked.
  const saved = await (await page.request.get(`/api/roles/${role}`)).json();
  expect(saved).toMatchObject({ name: role, displayName: "Config reader", scope: "project", tenant, builtin: false });
  expect(saved.rules.map((r: { resources: string[]; verbs: string[]; effect: string }) => ({ ...r, verbs: [...r.verbs].sort() }))).toEqual(
    expect.arrayContaining([
      { resources: ["core/configmaps"], verbs: ["get", "list"], effect: "allow" },
      { resources: ["core/pods"], verbs: ["get"], effect: "allow" },
    ]),
  );
  expect(saved.rules).toHaveLength(2);

  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const bind = await page.request.post("/api/rolebindings", {
    headers: { "x-csrf-token": csrfToken },
    data: { subject: { kind: "User", name: holder }, role, scope: { type: "project", cluster: "member-1", namespace: project } },
  });
  expect(bind.status()).toBe(201);

  // The holder, in a browser of their own.
  const ctx = await browser.newContext();
  const h = await ctx.newPage();
  await signInLocal(h, holder, password);
  const can = async (verb: string, resource: string, namespace = project) => {
    const res = await h.request.post("/api/can-i", {
      headers: { "x-csrf-token": (await (await h.request.get("/api/session")).json()).csrfToken },
      data: { checks: [{ verb, resource, cluster: "member-1", namespace }] },
    });
    expect(res.status()).toBe(200);
    return (await res.json()).results[0].allowed as boolean;
  };
  expect(await can("get", "core/configmaps")).toBe(true);
  expect(await can("list", "core/configmaps")).toBe(true);
  expect(await can("get", "core/pods")).toBe(true);
  expect(await can("list", "core/pods")).toBe(false);
  expect(await can("update", "core/configmaps")).toBe(false);
  expect(await can("get", "core/secrets")).toBe(false);
  expect(await can("get", "core/configmaps", "acme-shop")).toBe(false);

  // And the proxy agrees, on the cluster itself.
  const base = `/clusters/member-1/api/v1/namespaces/${project}`;
  const list = await h.request.get(`${base}/configmaps`);
  expect(list.status()).toBe(200);
  expect((await list.json()).items.map((c: { metadata: { name: string } }) => c.metadata.name)).toContain("settings");
  expect((await h.request.get(`${base}/secrets`)).status()).toBe(403);
  expect((await h.request.get("/clusters/member-1/api/v1/namespaces/acme-shop/configmaps")).status()).toBe(403);
  const { csrfToken: hcsrf } = await (await h.request.get("/api/session")).json();
  const write = await h.request.post(`${base}/configmaps`, {
    headers: { "x-csrf-token": hcsrf },
    data: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "not-allowed" }, data: { a: "b" } },
  });
  expect(write.status()).toBe(403);
  await ctx.close();
});

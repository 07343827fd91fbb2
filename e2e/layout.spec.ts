import { type Locator, type Page, expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { adminApi, createUsers, kubectl, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// Layout at common widths: tables fit their box (the last columns are not
// behind a sideways scroll), names cut short can be read whole, the deploy
// form's port rows, and every page's title above its tabs. Then a tenant's
// quota from its own page: "No budget", "Set budget", allocated / budget.

const id = runId();
const tenant = `lay-${id}`;
const project = `lay-${id}-web`;
// A namespace name as long as Kubernetes allows (63).
const manager = `lay-mgr-${id}`;
const password = "layout-e2e-password";
const longNs = `lay-${id}-${"a-very-long-namespace-name-that-will-not-fit-".repeat(2)}`.slice(0, 62) + "z";

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project, quota: { "requests.cpu": "2", "requests.memory": "1Gi", pods: "10" } });
  await createUsers(req, headers, [manager], password);
  const b = await req.post("/api/rolebindings", { headers, data: { subject: { kind: "User", name: manager }, role: "tenant-admin", scope: { type: "tenant", tenant } } });
  expect(b.status(), await b.text()).toBe(201);
  kubectl("member-1", ["create", "namespace", longNs]);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  kubectl("member-1", ["delete", "namespace", longNs, "--ignore-not-found", "--wait=false"]);
  await removeTestData(browser, { tenant, project, users: [manager] });
});

/** Whether `inner` lies within `outer` horizontally (what a sideways scroll would hide is outside). */
async function inside(inner: Locator, outer: Locator) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  return a.x >= b.x - 0.5 && a.x + a.width <= b.x + b.width + 0.5;
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
]) {
  test(`the nodes table fits its box at ${size.width}px`, async ({ page }) => {
    await page.setViewportSize(size);
    await signInLocal(page);
    await page.goto("/c/member-1/nodes");
    const table = page.getByRole("table", { name: "Nodes" });
    const first = table.getByRole("row").nth(1);
    await expect(first).toBeVisible();
    const { scrollWidth, clientWidth } = await table.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const age = table.getByRole("columnheader", { name: "Age" });
    await expect(age).toBeVisible();
    expect(await inside(age, table)).toBe(true);
    const yaml = first.getByRole("button", { name: /^View YAML: / });
    await expect(yaml).toBeVisible();
    expect(await inside(yaml, table)).toBe(true);
    // The box is filled, not left with a gap after the last column.
    const actions = table.getByRole("columnheader", { name: "Actions" });
    const [a, t] = [(await actions.boundingBox())!, (await table.boundingBox())!];
    expect(t.x + t.width - (a.x + a.width)).toBeLessThan(4);
  });
}

test("a long namespace name is cut short, and whole on hover and focus", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInLocal(page);
  await page.goto("/c/member-1/namespaces");
  await page.getByRole("searchbox", { name: "Filter" }).fill(longNs);
  const table = page.getByRole("table", { name: "Namespaces" });
  const cell = table.getByRole("cell").filter({ has: page.getByRole("link", { name: longNs }) });
  await expect(cell).toHaveAttribute("title", longNs);
  const cut = await cell.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === "ellipsis");
  expect(cut).toBe(true);
  expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await cell.getByRole("link").focus();
  const tip = page.getByRole("tooltip");
  await expect(tip).toHaveText(longNs);
  await expect(cell).toHaveAttribute("aria-describedby", (await tip.getAttribute("id"))!);
  await page.keyboard.press("Shift+Tab");
  await expect(tip).toHaveCount(0);
});

test("the deploy form's port rows: name, port, protocol, checked field by field, the name in the Deployment", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInLocal(page);
  await page.goto(`/c/member-1/ns/${project}/deployments`);
  await page.getByRole("button", { name: "Create deployment" }).click();
  const f = page.getByRole("dialog");
  await f.getByRole("textbox", { name: "Name", exact: true }).fill("ports");
  await f.getByRole("textbox", { name: "Image", exact: true }).fill("nginx:1.27");
  await f.getByRole("button", { name: "Add port" }).click();
  const row = f.getByTestId("port-row");
  const name = row.getByRole("textbox", { name: "Name of port 1" });
  const port = row.getByRole("spinbutton", { name: "Port 1" });
  const protocol = row.getByRole("combobox", { name: "Protocol of port 1" });
  await expect(protocol.getByRole("option")).toHaveText(["TCP", "UDP", "SCTP"]);
  // Sized for what they hold: a five-digit port is readable, the protocol is not the widest field.
  const [nb, pb, rb] = [(await name.boundingBox())!, (await port.boundingBox())!, (await protocol.boundingBox())!];
  expect(pb.width).toBeGreaterThanOrEqual(90);
  expect(rb.width).toBeLessThan(nb.width);
  expect(Math.abs(nb.y - pb.y)).toBeLessThan(2);
  expect(Math.abs(pb.y - rb.y)).toBeLessThan(2);

  await name.fill("Web_Port");
  await port.fill("70000");
  await name.press("Tab");
  await port.press("Tab");
  await expect(f.getByRole("alert").filter({ hasText: "Lowercase letters, digits and single dashes, with a letter." })).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(f.getByRole("alert").filter({ hasText: "Enter a port number from 1 to 65535." })).toBeVisible();
  await name.fill("metrics-http-long");
  await expect(f.getByRole("alert").filter({ hasText: "At most 15 characters." })).toBeVisible();
  await name.fill("metrics");
  await port.fill("9090");
  await protocol.selectOption("UDP");
  await expect(name).toHaveAttribute("aria-invalid", "false");
  await expect(f.getByRole("alert")).toHaveCount(0);
  await f.getByRole("button", { name: "Create", exact: true }).click();
  await expect(f).toBeHidden();
  const d = JSON.parse(kubectl("member-1", ["get", "deployment", "ports", "-n", project, "-o", "json"]));
  expect(d.spec.template.spec.containers[0].ports).toEqual([{ name: "metrics", containerPort: 9090, protocol: "UDP" }]);
});

/** The page's h1 lies above its tab navigation. */
async function titleAboveTabs(page: Page, tabs: Locator) {
  await expect(tabs).toBeVisible();
  const h1 = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
  const nav = (await tabs.boundingBox())!;
  expect(h1.y + h1.height).toBeLessThanOrEqual(nav.y);
}

test("Access, cluster, project and tenant pages have their title above their tabs", async ({ page }) => {
  await signInLocal(page);
  await page.getByRole("link", { name: "Access", exact: true }).click();
  await expect(page).toHaveURL(/\/access$/);
  await expect(page.getByRole("heading", { level: 1, name: "My permissions" })).toBeVisible();
  await titleAboveTabs(page, page.getByRole("navigation", { name: "Access sections" }));
  await page.getByRole("navigation", { name: "Access sections" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await titleAboveTabs(page, page.getByRole("navigation", { name: "Access sections" }));

  await page.goto("/c/member-1/nodes");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await titleAboveTabs(page, page.getByRole("navigation", { name: "Cluster sections" }));

  await page.goto(`/projects/${tenant}/${project}`);
  await expect(page.getByRole("heading", { level: 1, name: project })).toBeVisible();
  await titleAboveTabs(page, page.getByRole("tablist"));

  await page.goto(`/access/tenants/${tenant}`);
  await expect(page.getByRole("heading", { level: 1, name: tenant })).toBeVisible();
  await titleAboveTabs(page, page.getByRole("tablist", { name: "Tenant sections" }));
});

test("a tenant's quota from its page: no budget, set budget, allocated / budget", async ({ page }) => {
  await signInLocal(page);
  await page.goto("/access/tenants");
  await page.getByRole("searchbox", { name: "Filter" }).fill(tenant);
  await page.getByTestId(`tenant-row-${tenant}`).getByRole("link").click();
  await page.getByRole("tab", { name: "Quota" }).click();
  await expect(page).toHaveURL(/\?tab=quota$/);

  const cpu = page.getByTestId("tenant-quota-row-member-1-requests.cpu");
  await expect(cpu).toContainText("No budget");
  await expect(page.getByRole("columnheader", { name: "Allocated / budget" }).first()).toBeVisible();
  await expect(page.getByTestId("tenant-quota-allocated-member-1-requests.cpu")).toHaveText("2 CPU allocated · no budget");
  await cpu.getByRole("button", { name: "Set the CPU requests budget on member-1" }).click();
  const field = page.getByTestId("budget-member-1").getByRole("textbox", { name: "CPU requests" });
  await expect(field).toBeFocused();
  await field.fill("8");
  await page.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await expect(cpu).not.toContainText("No budget");
  await expect(cpu.getByRole("button", { name: /Set the/ })).toHaveCount(0);
  const allocated = page.getByTestId("tenant-quota-allocated-member-1-requests.cpu");
  await expect(allocated).toContainText("2 / 8 CPU");
  await expect(allocated.getByRole("meter", { name: "CPU requests: allocated of the budget" })).toHaveAttribute("aria-valuenow", "25");
  const saved = JSON.parse(kubectl("host", ["get", "tenants.pilothouse.dev", tenant, "-n", E2E.namespace, "-o", "json"]));
  expect(JSON.stringify(saved.spec)).toContain('"requests.cpu":"8"');

  // The quota page's old address is the tab now.
  await page.goto(`/access/tenants/${tenant}/quota`);
  await expect(page).toHaveURL(new RegExp(`/access/tenants/${tenant}\\?tab=quota$`));
  await expect(page.getByRole("tab", { name: "Quota" })).toHaveAttribute("aria-selected", "true");
});

test("a tenant manager sees why they cannot set the budget", async ({ page }) => {
  await signInLocal(page, manager, password);
  await page.goto(`/access/tenants/${tenant}`);
  await page.getByRole("tab", { name: "Quota" }).click();
  // The admin set a CPU budget above; memory still has none.
  const set = page.getByTestId("tenant-quota-row-member-1-requests.memory").getByRole("button", { name: "Set the Memory requests budget on member-1" });
  await expect(set).toHaveAttribute("aria-disabled", "true");
  // The reason is the button's description, and shows on keyboard focus (and hover, and tap).
  await expect(set).toHaveAccessibleDescription("Only platform admins set a tenant's budget.");
  await set.focus();
  await expect(page.getByRole("tooltip")).toHaveText("Only platform admins set a tenant's budget.");
  await expect(page.getByRole("button", { name: "Save budget" })).toHaveCount(0);
});

import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { adminApi, createUsers, registerFleet, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A developer publishes a service in the form, moves traffic between two
// versions on the fleet's real Traefik, and sees the measured split follow in
// "try it": canary steps to 50 % (both versions answer), promote (only v2),
// then blue-green back to v1 and again to v2.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `rt-${run}`;
const project = `${tenant}-shop`;
const developer = `rita-${run}`;
const password = "e2e-user-password";
const host = `checkout-${run}.example.test`;

/** A Deployment of two serving pods of one version and its Service (80 → 8080), created through the console's proxy. */
async function version(req: APIRequestContext, headers: Record<string, string>, track: "blue" | "green", v: string) {
  const labels = { app: "checkout", track };
  const base = `/clusters/member-1`;
  const dep = await req.post(`${base}/apis/apps/v1/namespaces/${project}/deployments`, {
    headers,
    data: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: `checkout-${track}`, namespace: project },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels: { ...labels, version: v, "fleet.pilothouse.dev/serve": "http" } },
          spec: { containers: [{ name: "web", image: `registry.example/checkout:${v}`, ports: [{ name: "http", containerPort: 8080 }] }] },
        },
      },
    },
  });
  expect(dep.status(), await dep.text()).toBe(201);
  const svc = await req.post(`${base}/api/v1/namespaces/${project}/services`, {
    headers,
    data: { apiVersion: "v1", kind: "Service", metadata: { name: `checkout-${track}`, namespace: project }, spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: 8080 }] } },
  });
  expect(svc.status(), await svc.text()).toBe(201);
}

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await registerFleet(req, headers);
  await tenantWithProject(req, headers, { tenant, project });
  await createUsers(req, headers, [developer], password);
  const b = await req.post("/api/rolebindings", {
    headers,
    data: { subject: { kind: "User", name: developer }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: project } },
  });
  expect(b.status(), await b.text()).toBe(201);
  await version(req, headers, "blue", "v1");
  await version(req, headers, "green", "v2");
  // A certificate Secret for the ingress form to offer (its contents are not looked at here).
  const tls = await req.post(`/clusters/member-1/api/v1/namespaces/${project}/secrets`, {
    headers,
    data: { apiVersion: "v1", kind: "Secret", metadata: { name: "shop-tls", namespace: project }, type: "kubernetes.io/tls", data: { "tls.crt": btoa("not a cert"), "tls.key": btoa("not a key") } },
  });
  expect(tls.status(), await tls.text()).toBe(201);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  await removeTestData(browser, { tenant, project, users: [developer] });
});

/** Sends requests from the Try it tab until the versions that answered are `want` (weights reach Traefik within a few seconds). */
async function measured(page: Page, want: string) {
  await page.getByRole("tab", { name: "Try it" }).click();
  const result = page.getByTestId("try-result");
  await expect(async () => {
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled({ timeout: 20_000 });
    await expect(result).toHaveAttribute("data-versions", want, { timeout: 1_000 });
  }).toPass({ timeout: 45_000, intervals: [500, 1_000, 2_000] });
  await expect(result).toHaveAttribute("data-failed", "0");
}

test("a developer creates a route, runs a canary and a blue-green switch, and sees the split measured", async ({ page }) => {
  test.setTimeout(240_000);
  await signInLocal(page, developer, password);
  await page.goto(`/c/member-1/ns/${project}/httproutes`);
  await page.getByRole("button", { name: "Create HTTP route" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("checkout");
  await dialog.getByLabel("Host names").fill(host);
  await expect(dialog.getByLabel("Gateway 1", { exact: true })).toHaveValue("pilothouse-gateway/public");

  // Backends are picked from the namespace's Services; the port follows the Service.
  await dialog.getByLabel("Service of backend 1 in rule 1").selectOption("checkout-blue");
  await expect(dialog.getByLabel("Port of backend 1 in rule 1")).toHaveValue("80");
  await dialog.getByLabel("Weight of backend 1 in rule 1").fill("100");
  await dialog.getByRole("button", { name: "Add backend" }).click();
  await dialog.getByLabel("Service of backend 2 in rule 1").selectOption("checkout-green");
  await dialog.getByLabel("Weight of backend 2 in rule 1").fill("0");
  await expect(dialog.getByTestId("backend-share")).toHaveText(["100 %", "0 %"]);

  // A mistake is said on its field, and nothing is sent.
  await dialog.getByLabel("Weight of backend 2 in rule 1").fill("-5");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog.getByText(/^Enter a whole number from 0 to 1,?000,?000\.$/)).toBeVisible();
  await dialog.getByLabel("Weight of backend 2 in rule 1").fill("0");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/httproutes/checkout$`));
  await expect(page.getByRole("heading", { name: "HTTPRoute checkout" })).toBeVisible();
  // What Traefik says, as it said it.
  await expect(page.getByTestId("object-status")).toHaveAttribute("data-status", "Accepted", { timeout: 30_000 });
  const parent = page.getByTestId("parent-pilothouse-gateway/public");
  await expect(parent.getByTestId("condition-Accepted")).toHaveAttribute("data-status", "True");
  await expect(parent.getByTestId("condition-ResolvedRefs")).toHaveAttribute("data-status", "True");
  await measured(page, "v1");

  // Canary: 10 → 25 → 50, the step read back from the weights.
  await page.getByRole("button", { name: "Canary…" }).click();
  const canary = page.getByRole("dialog", { name: "Canary release of checkout" });
  await expect(canary.getByTestId("canary-step")).toHaveText("All traffic on checkout-blue: the canary has not started.");
  for (const step of [10, 25, 50]) {
    await canary.getByRole("button", { name: `Next step: ${step} %` }).click();
    await expect(canary.getByTestId("canary-panel")).toHaveAttribute("data-step", String(step));
  }
  await expect(canary.getByTestId("canary-step")).toHaveText("At the 50 % step: checkout-green gets 50 % of the traffic.");
  await canary.getByRole("button", { name: "Close", exact: true }).last().click();
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(page.getByTestId("backend-checkout-green")).toHaveAttribute("data-share", "50");
  await measured(page, "v1,v2");

  await page.getByRole("button", { name: "Canary…" }).click();
  await canary.getByRole("button", { name: "Promote (100 %)" }).click();
  await expect(canary.getByTestId("canary-panel")).toHaveAttribute("data-step", "100");
  await expect(canary.getByRole("button", { name: "Fully promoted" })).toBeDisabled();
  await canary.getByRole("button", { name: "Close", exact: true }).last().click();
  await measured(page, "v2");

  // Blue-green: everything back to blue in one change, and again to green.
  await page.getByRole("button", { name: "Switch to checkout-blue" }).click();
  await page.getByRole("dialog", { name: "Blue-green switch of checkout" }).getByRole("button", { name: "Switch", exact: true }).click();
  await expect(page.getByRole("button", { name: "Switch to checkout-green" })).toBeVisible();
  await measured(page, "v1");
  await page.getByRole("button", { name: "Switch to checkout-green" }).click();
  await page.getByRole("dialog", { name: "Blue-green switch of checkout" }).getByRole("button", { name: "Switch", exact: true }).click();
  await expect(page.getByRole("button", { name: "Switch to checkout-blue" })).toBeVisible();
  await measured(page, "v2");

  // Edit in place: the same form, prefilled; the name stays.
  await page.getByRole("button", { name: "Edit: checkout" }).click();
  const edit = page.getByRole("dialog", { name: "Edit HTTPRoute checkout" });
  await expect(edit.getByLabel("Name", { exact: true })).toHaveValue("checkout");
  await expect(edit.getByLabel("Weight of backend 2 in rule 1")).toHaveValue("100");
  await edit.getByLabel("Weight of backend 1 in rule 1").fill("1");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(page.getByTestId("backend-checkout-blue")).toHaveAttribute("data-weight", "1");

  // The Network page lists it with its project.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Network" }).click();
  const row = page.getByTestId(`httproute-row-member-1-${project}-checkout`);
  await expect(row).toContainText(host);
  await row.getByRole("link", { name: "checkout" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/httproutes/checkout$`));
  // A route's page belongs to Network in the side bar, not to Workloads.
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Network" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Workloads" })).not.toHaveAttribute("aria-current", "page");
});

test("a backend naming no Service shows Traefik's reason on the route's page", async ({ page }) => {
  await signInLocal(page, developer, password);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const r = await page.request.post(`/clusters/member-1/apis/gateway.networking.k8s.io/v1/namespaces/${project}/httproutes`, {
    headers: { "x-csrf-token": csrfToken },
    data: {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "dangling", namespace: project },
      spec: { parentRefs: [{ name: "public", namespace: "pilothouse-gateway" }], hostnames: [`dangling-${run}.example.test`], rules: [{ backendRefs: [{ name: "gone", port: 80 }] }] },
    },
  });
  expect(r.status(), await r.text()).toBe(201);
  await page.goto(`/c/member-1/ns/${project}/httproutes/dangling`);
  await expect(page.getByTestId("object-status")).toHaveAttribute("data-status", /^RefsNotResolved: BackendNotFound$/, { timeout: 30_000 });
  const resolved = page.getByTestId("parent-pilothouse-gateway/public").getByTestId("condition-ResolvedRefs");
  await expect(resolved).toHaveAttribute("data-status", "False");
  await expect(resolved).toContainText("BackendNotFound");
  // The form offers it as it is, marked as missing.
  await page.getByRole("button", { name: "Edit: dangling" }).click();
  await expect(page.getByRole("dialog").getByLabel("Service of backend 1 in rule 1")).toHaveValue("gone");
  await expect(page.getByRole("dialog").getByRole("option", { name: "gone (not in this namespace)" })).toBeAttached();
});

test("a developer publishes a service with an ingress from the form, TLS secret picked by name", async ({ page }) => {
  await signInLocal(page, developer, password);
  await page.goto(`/c/member-1/ns/${project}/ingresses`);
  await page.getByRole("button", { name: "Create ingress" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("shop");
  await dialog.getByLabel("Host of rule 1").fill(`shop-${run}.example.test`);
  await dialog.getByLabel("Service of path 1 in rule 1").selectOption("checkout-blue");
  await expect(dialog.getByLabel("Port of path 1 in rule 1")).toHaveValue("80");
  await dialog.getByRole("button", { name: "Add TLS entry" }).click();
  await dialog.getByLabel("Hosts of TLS entry 1").fill(`shop-${run}.example.test`);
  await dialog.getByLabel("Secret of TLS entry 1").selectOption("shop-tls");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/ingresses/shop$`));
  // No class chosen: the cluster gave it its default.
  await expect(page.locator("dd", { hasText: "traefik" })).toBeVisible();
  await expect(page.getByRole("link", { name: "shop-tls" })).toBeVisible();
  await measured(page, "v1");
});


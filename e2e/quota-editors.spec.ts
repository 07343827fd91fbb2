import { type Page, expect, test } from "@playwright/test";
import { adminApi, kubectl, openProject, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A project's quota and default limits, edited on its Quotas tab: saved values
// are on the cluster and in the form after a reload; a bad value is refused in
// its field and nothing reaches the cluster.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `qe-${run}`;
const project = `${tenant}-app`;

function onCluster(kind: "resourcequota" | "limitrange", name: string) {
  return JSON.parse(kubectl("member-1", ["get", kind, name, "-n", project, "-o", "json"]));
}

async function openQuotas(page: Page) {
  await signInLocal(page);
  await openProject(page, project);
  await page.getByRole("tab", { name: "Quotas" }).click();
}

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, {
    tenant,
    project,
    quota: { pods: "10", "requests.cpu": "1", "requests.memory": "1Gi" },
    limits: { defaultRequest: { cpu: "50m", memory: "64Mi" }, default: { cpu: "200m", memory: "128Mi" } },
  });
  await page.close();
});

test.afterAll(({ browser }) => removeTestData(browser, { tenant, project }));

test("the resource quota editor saves to the cluster and refuses a bad quantity", async ({ page }) => {
  await openQuotas(page);
  const quota = () => page.getByRole("region", { name: /^Resource quota “compute” on / });
  await quota().getByLabel("Pods", { exact: true }).fill("7");
  await quota().getByLabel("CPU requests", { exact: true }).fill("1500m");
  await quota().getByRole("button", { name: "Save quota" }).click();
  await expect(quota().getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const saved = onCluster("resourcequota", "compute");
  expect(saved.spec.hard).toEqual({ pods: "7", "requests.cpu": "1500m", "requests.memory": "1Gi" });

  await page.reload();
  await expect(quota().getByLabel("Pods", { exact: true })).toHaveValue("7");
  await expect(quota().getByLabel("CPU requests", { exact: true })).toHaveValue("1500m");

  // "2GB" is no Kubernetes quantity: the field says so and Save sends nothing.
  const memory = quota().getByLabel("Memory requests", { exact: true });
  await memory.fill("2GB");
  await expect(quota().getByRole("alert").filter({ hasText: "Not a Kubernetes quantity: write 2G or 2Gi." })).toBeVisible();
  await expect(memory).toHaveAttribute("aria-invalid", "true");
  await quota().getByRole("button", { name: "Save quota" }).click();
  await expect(memory).toBeFocused();
  await expect(quota().getByRole("status").filter({ hasText: "Saved." })).toHaveCount(0);
  const after = onCluster("resourcequota", "compute");
  expect(after.metadata.resourceVersion).toBe(saved.metadata.resourceVersion);
  expect(after.spec.hard["requests.memory"]).toBe("1Gi");
  await page.reload();
  await expect(quota().getByLabel("Memory requests", { exact: true })).toHaveValue("1Gi");
});

test("the limit range editor saves to the cluster and refuses a request above the default limit", async ({ page }) => {
  await openQuotas(page);
  const limits = () => page.getByRole("region", { name: /^Default limits “defaults” on / });
  const perContainer = () => limits().getByRole("table", { name: "Per container" });
  await perContainer().getByRole("textbox", { name: "Default limit, CPU" }).fill("300m");
  await perContainer().getByRole("textbox", { name: "Maximum, Memory" }).fill("1Gi");
  await limits().getByRole("button", { name: "Save limits" }).click();
  await expect(limits().getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const saved = onCluster("limitrange", "defaults");
  const container = saved.spec.limits.find((l: { type: string }) => l.type === "Container");
  expect(container.default).toEqual({ cpu: "300m", memory: "128Mi" });
  expect(container.defaultRequest).toEqual({ cpu: "50m", memory: "64Mi" });
  expect(container.max).toEqual({ memory: "1Gi" });

  await page.reload();
  await expect(perContainer().getByRole("textbox", { name: "Default limit, CPU" })).toHaveValue("300m");
  await expect(perContainer().getByRole("textbox", { name: "Maximum, Memory" })).toHaveValue("1Gi");

  // A default request above the default limit is refused in its field (Kubernetes would refuse it too).
  const request = perContainer().getByRole("textbox", { name: "Default request, CPU" });
  await request.fill("400m");
  await expect(perContainer().getByRole("alert").filter({ hasText: "Must be at most the default limit (300m)." })).toBeVisible();
  await limits().getByRole("button", { name: "Save limits" }).click();
  await expect(request).toBeFocused();
  await expect(limits().getByRole("status").filter({ hasText: "Saved." })).toHaveCount(0);
  const after = onCluster("limitrange", "defaults");
  expect(after.metadata.resourceVersion).toBe(saved.metadata.resourceVersion);
  await page.reload();
  await expect(perContainer().getByRole("textbox", { name: "Default request, CPU" })).toHaveValue("50m");
});

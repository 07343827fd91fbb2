import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { adminApi, createUsers, kubectl, removeTestData, root, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A developer installs the fleet's echo chart from the catalog into their
// project (one replica, set in the form the chart's values schema makes),
// previews and installs it, finds its Deployment and pod from the release's
// page, upgrades it to two replicas, rolls back to the first revision and
// uninstalls it. The chart repository is the fleet's (`make fleet` serves
// it), added platform-wide by the admin.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `ap-${run}`;
const project = `${tenant}-web`;
const developer = `apd-${run}`;
const password = "e2e-user-password";
const repo = `fleet-${run}`;
const release = "echo";
const releaseURL = `/apps/releases/member-1/${project}/${release}`;

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const replicas = () => kubectl("member-1", ["get", "deployment", release, "-n", project, "-o", "jsonpath={.spec.replicas}"]);

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await createUsers(req, headers, [developer], password);
  const b = await req.post("/api/rolebindings", {
    headers,
    data: { subject: { kind: "User", name: developer }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: project } },
  });
  expect(b.status(), await b.text()).toBe(201);
  const { url } = JSON.parse(readFileSync(path.join(root, ".fleet/chart-repo.json"), "utf8")) as { url: string };
  const r = await req.post("/api/apps/repositories", { headers, data: { name: repo, displayName: "Fleet charts", url } });
  expect(r.status(), await r.text()).toBe(201);
  expect((await r.json()).error).toBeUndefined();
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await req.delete(`/api/apps/repositories/${repo}`, { headers });
  await page.close();
  await removeTestData(browser, { tenant, project, users: [developer] });
});

test("a developer installs echo from the catalog, upgrades it, rolls it back and uninstalls it", async ({ page }) => {
  test.setTimeout(420_000);
  await signInLocal(page, developer, password);

  // Apps → Catalog: search, one card, its page.
  await nav(page).getByRole("link", { name: "Apps", exact: true }).click();
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Apps");
  await expect(page.getByTestId(`chart-card-${repo}-keyvalue`)).toBeVisible();
  await page.getByLabel("Search charts").fill("echo");
  await expect(page).toHaveURL(/[?&]q=echo/);
  await expect(page.getByTestId(`chart-card-${repo}-keyvalue`)).toBeHidden();
  const card = page.getByTestId(`chart-card-${repo}-echo`);
  await expect(card).toContainText("Echo web app");
  await expect(card).toContainText("1.2.0");
  await card.click();
  await expect(page).toHaveURL(new RegExp(`/apps/catalog/${repo}/echo$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Echo web app");
  // The README, drawn from its Markdown, and the default values.
  await expect(page.getByTestId("markdown").getByRole("heading", { name: "Try it" })).toBeVisible();
  await expect(page.getByTestId("markdown").getByRole("table")).toContainText("replicaCount");
  await expect(page.getByTestId("default-values")).toContainText("replicaCount: 2");

  // Install: the project, the name, one replica in the form; the preview, then the install.
  await page.getByTestId("install-chart").click();
  const install = page.getByRole("dialog", { name: "Install Echo web app 1.2.0" });
  await install.getByLabel("Project").selectOption(`member-1/${project}`);
  await expect(install.getByLabel("Release name")).toHaveValue(release);
  await expect(install.getByLabel("Replicas")).toHaveValue("2");
  await expect(install.getByLabel("Image repository")).toHaveValue("ghcr.io/pilothouse-dev/echo");
  // The form checks the schema's bounds itself.
  await install.getByLabel("Replicas").fill("21");
  await expect(install.getByText("At most 20.")).toBeVisible();
  await install.getByLabel("Replicas").fill("1");
  await expect(install.getByText("At most 20.")).toBeHidden();
  await install.getByRole("button", { name: "Preview changes" }).click();
  const added = install.getByTestId("diff-Deployment-echo");
  await expect(added).toHaveAttribute("data-change", "added");
  await expect(install.getByTestId("diff-Service-echo")).toHaveAttribute("data-change", "added");
  await added.locator("summary").click();
  await expect(added.locator('[data-line="added"]', { hasText: "replicas: 1" })).toBeVisible();
  await install.getByRole("button", { name: "Install", exact: true }).click();

  // The release's page: deployed, revision 1, its objects linked.
  await expect(page).toHaveURL(new RegExp(`${releaseURL}$`), { timeout: 240_000 });
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "deployed");
  await expect(page.getByTestId("release-revision")).toHaveText("1");
  await expect(page.getByTestId("release-notes")).toContainText("runs 1 pod(s)");
  expect(await replicas()).toBe("1");
  const deployment = page.getByTestId(`release-object-Deployment-${release}`).getByRole("link", { name: release });
  await expect(deployment).toHaveAttribute("href", `/c/member-1/ns/${project}/deployments/${release}`);
  await expect(page.getByTestId(`release-object-Service-${release}`).getByRole("link")).toHaveAttribute("href", `/c/member-1/ns/${project}/services/${release}`);

  // The Deployment's page and its one pod.
  await deployment.click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/deployments/${release}$`));
  await expect(page.getByTestId("ready-replicas")).toHaveText("1/1");
  await expect(page.getByRole("region", { name: "Pods" }).locator(`[data-testid^="pod-row-${release}-"]`)).toHaveCount(1);

  // A second install under the same name is stopped at the preview.
  await page.goto(`/apps/catalog/${repo}/echo`);
  await page.getByTestId("install-chart").click();
  const again = page.getByRole("dialog", { name: "Install Echo web app 1.2.0" });
  await again.getByLabel("Project").selectOption(`member-1/${project}`);
  await again.getByRole("button", { name: "Preview changes" }).click();
  await expect(again.getByText(`A release named ${release} exists in this project.`)).toBeVisible();
  await again.getByRole("button", { name: "Cancel" }).click();

  // Apps → Releases lists it in the project.
  await nav(page).getByRole("link", { name: "Apps", exact: true }).click();
  await page.getByRole("navigation", { name: "Apps sections" }).getByRole("link", { name: "Releases" }).click();
  await page.getByLabel("Project").selectOption(`member-1/${project}`);
  await expect(page.getByTestId(`release-row-${release}`)).toBeVisible();
  await page.getByTestId(`release-row-${release}`).click();
  await expect(page).toHaveURL(new RegExp(`${releaseURL}$`));

  // Upgrade: the release's values in the form; two replicas; the preview shows the one change.
  await page.getByTestId("upgrade-release").click();
  const upgrade = page.getByRole("dialog", { name: `Upgrade ${release}` });
  await expect(upgrade.getByLabel("Replicas")).toHaveValue("1");
  await upgrade.getByLabel("Replicas").fill("2");
  await upgrade.getByRole("button", { name: "Preview changes" }).click();
  const changed = upgrade.getByTestId("diff-Deployment-echo");
  await expect(changed).toHaveAttribute("data-change", "changed");
  await expect(changed.locator('[data-line="removed"]', { hasText: "replicas: 1" })).toBeVisible();
  await expect(changed.locator('[data-line="added"]', { hasText: "replicas: 2" })).toBeVisible();
  await expect(upgrade.getByTestId("diff-Service-echo")).toHaveAttribute("data-change", "unchanged");
  await upgrade.getByRole("button", { name: "Upgrade", exact: true }).click();
  await expect(upgrade.getByTestId("helm-progress")).toContainText("Helm is upgrading");
  await expect(upgrade).toBeHidden({ timeout: 240_000 });
  await expect(page.getByTestId("release-revision")).toHaveText("2");
  expect(await replicas()).toBe("2");

  // Revision 1's values, then roll back to it.
  await page.getByTestId("revision-row-1").getByRole("button", { name: "Values of revision 1" }).click();
  const values = page.getByRole("dialog", { name: `${release}: values of revision 1` });
  await expect(values.getByTestId("revision-values")).toContainText("replicaCount: 1");
  await values.getByRole("button", { name: "Close" }).click();
  await page.getByTestId("revision-row-1").getByRole("button", { name: "Roll back to revision 1" }).click();
  const rollback = page.getByRole("dialog", { name: `Roll ${release} back to revision 1?` });
  await rollback.getByRole("button", { name: "Roll back" }).click();
  await expect(rollback).toBeHidden({ timeout: 240_000 });
  await expect(page.getByTestId("release-revision")).toHaveText("3");
  await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "deployed");
  await expect(page.getByTestId("revision-row-3")).toContainText("Deployed");
  await expect(page.getByTestId("revision-row-2")).toContainText("Superseded");
  expect(await replicas()).toBe("1");

  // Uninstall, typing its name.
  await page.getByTestId("uninstall-release").click();
  const uninstall = page.getByRole("dialog", { name: `Uninstall ${release}?` });
  await uninstall.getByLabel(`Type ${release} to confirm`).fill(release);
  await uninstall.getByRole("button", { name: "Uninstall" }).click();
  await expect(page).toHaveURL(/\/apps\/releases\?/, { timeout: 240_000 });
  await expect(page.getByText("No releases in this project yet")).toBeVisible();
  expect(kubectl("member-1", ["get", "deployment", release, "-n", project, "--ignore-not-found", "-o", "name"]).trim()).toBe("");
});

test("the developer sees the platform's repository but may not add or remove one", async ({ page }) => {
  await signInLocal(page, developer, password);
  await page.goto("/apps/repositories");
  await expect(page.getByTestId(`repo-row-${repo}`)).toContainText("Fleet charts");
  await expect(page.getByRole("button", { name: `Delete ${repo}` })).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByTestId("add-repository")).toHaveCount(0);
});

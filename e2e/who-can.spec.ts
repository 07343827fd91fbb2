import { expect, test } from "@playwright/test";
import { adminApi, createUsers, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// "Who can…?" answers from the bindings: a project developer may change the
// project's deployments, a project viewer may only read them.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `wc-${run}`;
const project = `${tenant}-app`;
const developer = `wc-dev-${run}`;
const viewer = `wc-view-${run}`;

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await createUsers(req, headers, [developer, viewer], "e2e-user-password");
  for (const [user, role] of [
    [developer, "project-developer"],
    [viewer, "project-viewer"],
  ]) {
    const b = await req.post("/api/rolebindings", { headers, data: { subject: { kind: "User", name: user }, role, scope: { type: "project", cluster: "member-1", namespace: project } } });
    expect(b.status()).toBe(201);
  }
  await page.close();
});

test.afterAll(({ browser }) => removeTestData(browser, { tenant, project, users: [developer, viewer] }));

test("who may update and who may read a project's deployments", async ({ page }) => {
  await signInLocal(page);
  await page.getByRole("link", { name: "Access", exact: true }).click();
  await page.getByRole("navigation", { name: "Access sections" }).getByRole("link", { name: "Who can…?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who can…?");

  const question = page.getByRole("region", { name: "Question" });
  await question.getByLabel("Verb", { exact: true }).selectOption("update");
  await question.getByLabel("Resource", { exact: true }).fill("apps/deployments");
  await question.getByLabel("Cluster", { exact: true }).selectOption("member-1");
  await question.getByLabel("Namespace (optional)").fill(project);
  await question.getByRole("button", { name: "Find" }).click();

  const update = page.getByRole("region", { name: `Who may update apps/deployments in namespace “${project}” on member-1` });
  const updaters = update.getByRole("list", { name: "Users" });
  await expect(updaters.getByText(developer, { exact: true })).toBeVisible();
  await expect(updaters.getByText(viewer, { exact: true })).toHaveCount(0);

  // Reading is what both roles give.
  await question.getByLabel("Verb", { exact: true }).selectOption("get");
  await question.getByRole("button", { name: "Find" }).click();
  const readers = page.getByRole("region", { name: `Who may get apps/deployments in namespace “${project}” on member-1` }).getByRole("list", { name: "Users" });
  await expect(readers.getByText(developer, { exact: true })).toBeVisible();
  await expect(readers.getByText(viewer, { exact: true })).toBeVisible();

  // Elsewhere on the cluster neither has a say.
  await question.getByLabel("Namespace (optional)").fill("acme-shop");
  await question.getByRole("button", { name: "Find" }).click();
  const elsewhere = page.getByRole("region", { name: "Who may get apps/deployments in namespace “acme-shop” on member-1" });
  await expect(elsewhere.getByRole("heading", { name: /^Users \(\d+\)$/ }).or(elsewhere.getByText("Nobody you can see"))).toBeVisible();
  await expect(elsewhere.getByText(developer, { exact: true })).toHaveCount(0);
  await expect(elsewhere.getByText(viewer, { exact: true })).toHaveCount(0);
});

import { type Page, expect, test } from "@playwright/test";
import { adminApi, kubectl, openProject, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// An object's YAML tab: a dry run changes nothing, the review shows the change
// side by side, Apply writes it, and an edit the API server refuses shows the
// server's Status message and leaves the object as it was.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `ye-${run}`;
const project = `${tenant}-app`;

const data = () => JSON.parse(kubectl("member-1", ["get", "configmap", "settings", "-n", project, "-o", "json"])).data;

async function openYaml(page: Page) {
  await signInLocal(page);
  await openProject(page, project);
  await page.getByRole("link", { name: "Workloads on member-1" }).click();
  await page.getByRole("navigation", { name: "Workload kinds" }).getByRole("link", { name: "ConfigMaps" }).click();
  await page.getByRole("link", { name: "settings", exact: true }).click();
  await page.getByRole("tablist", { name: "Object sections" }).getByRole("tab", { name: "YAML" }).click();
  await page.getByRole("checkbox", { name: "Plain text editor" }).check();
  return page.getByRole("textbox", { name: "YAML editor" });
}

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await page.close();
  kubectl("member-1", ["create", "configmap", "settings", "-n", project, "--from-literal=greeting=hello"]);
});

test.afterAll(({ browser }) => removeTestData(browser, { tenant, project }));

test("validate is a dry run, review shows the diff, apply writes it", async ({ page }) => {
  const editor = await openYaml(page);
  await expect(editor).toHaveValue(/greeting: hello\n/);
  await editor.fill((await editor.inputValue()).replace("greeting: hello", "greeting: hello-from-e2e"));

  await page.getByRole("button", { name: "Validate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The cluster accepted it (dry run: nothing was changed)." })).toBeVisible();
  expect(data()).toEqual({ greeting: "hello" });

  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByText("Left: the object now. Right: your edit.", { exact: false })).toBeVisible();
  // Monaco's diff editor: the object now on the left, the edit on the right (its editors have no accessible names).
  const [now, edit] = [page.getByTestId("yaml-diff").getByRole("code").first(), page.getByTestId("yaml-diff").getByRole("code").last()];
  await expect(edit).toContainText("greeting: hello-from-e2e");
  await expect(now).toContainText("greeting: hello");
  await expect(now).not.toContainText("hello-from-e2e");
  expect(data()).toEqual({ greeting: "hello" });

  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Applied." })).toBeVisible();
  expect(data()).toEqual({ greeting: "hello-from-e2e" });
});

test("an edit the API server refuses shows its Status message and changes nothing", async ({ page }) => {
  const editor = await openYaml(page);
  await expect(editor).toHaveValue(/greeting: hello-from-e2e\n/);
  const before = JSON.parse(kubectl("member-1", ["get", "configmap", "settings", "-n", project, "-o", "json"])).metadata.resourceVersion;
  // Valid YAML, but not a valid ConfigMap key: only the API server knows.
  await editor.fill((await editor.inputValue()).replace("greeting: hello-from-e2e", '"bad key!": x'));
  await page.getByRole("button", { name: "Apply" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "The cluster refused it" });
  await expect(refusal).toContainText('ConfigMap "settings" is invalid');
  await expect(refusal).toContainText("a valid config key must consist of alphanumeric characters");
  const after = JSON.parse(kubectl("member-1", ["get", "configmap", "settings", "-n", project, "-o", "json"]));
  expect(after.data).toEqual({ greeting: "hello-from-e2e" });
  expect(after.metadata.resourceVersion).toBe(before);
});

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

async function openYaml(page: Page, list = "ConfigMaps", name = "settings") {
  await signInLocal(page);
  await openProject(page, project);
  await page.getByRole("link", { name: "Workloads on member-1" }).click();
  const kind = page.getByRole("navigation", { name: "Workload kinds" }).getByRole("link", { name: list });
  await kind.click();
  // The overview before it links the same names (a Deployment and a Service are both "web"): wait for the list.
  await expect(kind).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("table", { name: list })).toBeVisible();
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("tablist", { name: "Object sections" }).getByRole("tab", { name: "YAML" }).click();
  await page.getByRole("checkbox", { name: "Plain text editor" }).check();
  return page.getByRole("textbox", { name: "YAML editor" });
}

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await page.close();
  kubectl("member-1", ["create", "configmap", "settings", "-n", project, "--from-literal=greeting=hello"]);
  kubectl("member-1", ["create", "configmap", "colors", "-n", project, "--from-literal=sky=blue"]);
  kubectl("member-1", ["create", "deployment", "web", "-n", project, "--image=registry.k8s.io/pause:3.10", "--replicas=1"]);
  kubectl("member-1", ["create", "service", "clusterip", "web", "-n", project, "--tcp=80:8080"]);
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

// Opened from a list, as users do: the object there came from a list (whose
// items carry no apiVersion or kind). Validate, the Monaco diff and Apply must
// all work, and leaving the diff must not throw (Monaco's disposal order).
const EDITS = [
  {
    list: "Deployments",
    name: "web",
    edit: (y: string) => y.replace(/^  replicas: 1$/m, "  replicas: 3"),
    changed: "replicas: 3",
    check: () => JSON.parse(kubectl("member-1", ["get", "deployment", "web", "-n", project, "-o", "json"])).spec.replicas,
    before: 1,
    after: 3,
  },
  {
    list: "ConfigMaps",
    name: "colors",
    edit: (y: string) => y.replace("sky: blue", "sky: grey"),
    changed: "sky: grey",
    check: () => JSON.parse(kubectl("member-1", ["get", "configmap", "colors", "-n", project, "-o", "json"])).data.sky,
    before: "blue",
    after: "grey",
  },
  {
    list: "Services",
    name: "web",
    edit: (y: string) => y.replace("targetPort: 8080", "targetPort: 9090"),
    changed: "targetPort: 9090",
    check: () => JSON.parse(kubectl("member-1", ["get", "service", "web", "-n", project, "-o", "json"])).spec.ports[0].targetPort,
    before: 8080,
    after: 9090,
  },
];

for (const e of EDITS) {
  test(`${e.list}: open from the list, change, validate, review the diff, apply`, async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    const editor = await openYaml(page, e.list, e.name);
    const text = await editor.inputValue();
    expect(text.split("\n").slice(0, 2)).toEqual([expect.stringMatching(/^apiVersion: /), expect.stringMatching(/^kind: /)]);
    const edited = e.edit(text);
    expect(edited).not.toBe(text);
    await editor.fill(edited);

    await page.getByRole("button", { name: "Validate" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The cluster accepted it (dry run: nothing was changed)." })).toBeVisible();
    expect(e.check()).toBe(e.before);

    await page.getByRole("button", { name: "Review changes" }).click();
    const diff = page.getByTestId("yaml-diff");
    await expect(diff.getByRole("code").last()).toContainText(e.changed);
    // Monaco marks changed lines: the edit is one, and the apiVersion/kind lines are not moved around.
    await expect(diff.locator(".line-insert")).not.toHaveCount(0);
    await expect(diff.locator(".line-insert")).toHaveCount(await diff.locator(".line-delete").count());
    await expect(diff.locator(".line-insert")).toHaveCount(1);

    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Applied." })).toBeVisible();
    expect(e.check()).toBe(e.after);
    await expect(editor).toHaveValue(new RegExp(e.changed));
    // Monaco reports a bad disposal order asynchronously.
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
  });
}

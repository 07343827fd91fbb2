import { type Page, expect, test } from "@playwright/test";
import { adminApi, createUsers, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A developer starts a Tekton pipeline through the console's proxy and follows
// it in the console: the Pipelines page lists the pipeline and the run, the
// run's page shows its status turn Succeeded (Tekton's own controller, its
// pods' steps played by the fleet) and its TaskRuns. Someone of another
// tenant sees none of it.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `pl-${run}`;
const project = `${tenant}-ci`;
const otherTenant = `po-${run}`;
const otherProject = `${otherTenant}-ci`;
const developer = `pia-${run}`;
const outsider = `oto-${run}`;
const password = "e2e-user-password";
const tekton = `/clusters/member-1/apis/tekton.dev/v1/namespaces/${project}`;

// greet → check, finally report; every step has a script (the fleet's Tekton does not pull images).
const pipeline = {
  apiVersion: "tekton.dev/v1",
  kind: "Pipeline",
  metadata: { name: "hello", namespace: project },
  spec: {
    description: "Says hello and checks it.",
    params: [{ name: "who", type: "string", default: "world" }],
    tasks: [
      {
        name: "greet",
        params: [{ name: "who", value: "$(params.who)" }],
        taskSpec: { params: [{ name: "who", type: "string" }], steps: [{ name: "echo", image: "busybox:1.36", script: "echo hello $(params.who)" }] },
      },
      { name: "check", runAfter: ["greet"], taskSpec: { steps: [{ name: "test", image: "busybox:1.36", script: "true" }] } },
    ],
    finally: [{ name: "report", taskSpec: { steps: [{ name: "post", image: "busybox:1.36", script: "echo done" }] } }],
  },
};

const pipelineRun = {
  apiVersion: "tekton.dev/v1",
  kind: "PipelineRun",
  metadata: { name: "hello-1", namespace: project, annotations: { "sim.pilothouse.dev/step-duration": "500ms", "pilothouse.dev/started-by": developer } },
  spec: { pipelineRef: { name: "hello" }, params: [{ name: "who", value: "e2e" }] },
};

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await tenantWithProject(req, headers, { tenant: otherTenant, project: otherProject });
  await createUsers(req, headers, [developer, outsider], password);
  for (const [user, ns] of [
    [developer, project],
    [outsider, otherProject],
  ]) {
    const b = await req.post("/api/rolebindings", {
      headers,
      data: { subject: { kind: "User", name: user }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: ns } },
    });
    expect(b.status(), await b.text()).toBe(201);
  }
  await page.close();
});

test.afterAll(async ({ browser }) => {
  await removeTestData(browser, { tenant, project, users: [developer] });
  await removeTestData(browser, { tenant: otherTenant, project: otherProject, users: [outsider] });
});

test("a developer starts a pipeline run and follows it to Succeeded with its task runs", async ({ page }) => {
  test.setTimeout(120_000);
  await signInLocal(page, developer, password);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const headers = { "x-csrf-token": csrfToken };
  const p = await page.request.post(`${tekton}/pipelines`, { headers, data: pipeline });
  expect(p.status(), await p.text()).toBe(201);
  const r = await page.request.post(`${tekton}/pipelineruns`, { headers, data: pipelineRun });
  expect(r.status(), await r.text()).toBe(201);

  // The Pipelines page, from the side navigation: the pipeline and its run, with who started it.
  await nav(page).getByRole("link", { name: "Pipelines" }).click();
  await expect(page).toHaveURL(/\/pipelines$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pipelines");
  await expect(page.getByTestId(`pipeline-row-member-1-${project}-hello`)).toBeVisible();
  const row = page.getByTestId(`pipelinerun-row-member-1-${project}-hello-1`);
  await expect(row).toContainText(developer);
  await expect(row.getByRole("link", { name: "hello", exact: true })).toHaveAttribute("href", `/c/member-1/ns/${project}/pipelines/hello`);
  // The filter box narrows the runs by status.
  const runs = page.getByRole("region", { name: /^Pipeline runs/ });
  await runs.getByRole("searchbox", { name: "Filter" }).fill("TimedOut");
  await expect(row).toBeHidden();
  await runs.getByRole("searchbox", { name: "Filter" }).fill("");
  // And the selects by status and by pipeline.
  await runs.getByLabel("Status", { exact: true }).selectOption("TimedOut");
  await expect(row).toBeHidden();
  await runs.getByLabel("Status", { exact: true }).selectOption("");
  await runs.getByLabel("Pipeline", { exact: true }).selectOption(`member-1/${project}/hello`);
  await expect(row).toBeVisible();
  await runs.getByLabel("Pipeline", { exact: true }).selectOption("");

  // The run's page: its status turns Succeeded as Tekton finishes it.
  await row.getByRole("link", { name: "hello-1" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/pipelineruns/hello-1$`));
  await expect(page.getByRole("heading", { name: "PipelineRun hello-1" })).toBeVisible();
  await expect(page.getByTestId("object-status")).toHaveAttribute("data-status", "Succeeded", { timeout: 60_000 });
  // A run's page belongs to Pipelines in the side bar, not to Workloads.
  await expect(nav(page).getByRole("link", { name: "Pipelines" })).toHaveAttribute("aria-current", "page");
  await expect(nav(page).getByRole("link", { name: "Workloads" })).not.toHaveAttribute("aria-current", "page");

  // Its TaskRuns, one a task (finally too), each Succeeded.
  for (const task of ["greet", "check", "report"]) await expect(page.getByTestId(`taskrun-row-hello-1-${task}`)).toContainText("Succeeded");
  await page.getByTestId("taskrun-row-hello-1-greet").getByRole("link", { name: "hello-1-greet" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/taskruns/hello-1-greet$`));
  await expect(page.getByTestId("step-echo")).toHaveAttribute("data-status", "Succeeded");

  // The pipeline's page lists its tasks with what each waits for.
  await page.goto(`/c/member-1/ns/${project}/pipelines/hello`);
  await expect(page.getByTestId("task-check")).toContainText("greet");
  await expect(page.getByTestId("task-report")).toContainText("After all tasks");
});

test("a developer starts a run from the pipeline's page, watches its graph turn green, reruns it with another param and stops a third", async ({ page }) => {
  test.setTimeout(150_000);
  await signInLocal(page, developer, password);
  await nav(page).getByRole("link", { name: "Pipelines" }).click();
  await page.getByTestId(`pipeline-row-member-1-${project}-hello`).getByRole("link", { name: "hello", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/pipelines/hello$`));
  // The pipeline's graph: greet before check, report apart as a finally task.
  const dag = page.getByTestId("pipeline-dag");
  await expect(dag.getByTestId("dag-node-greet")).toBeVisible();
  await expect(dag.getByTestId("dag-finally")).toBeVisible();
  const box = async (id: string) => (await dag.getByTestId(id).boundingBox())!;
  const [greet, check, report, group] = [await box("dag-node-greet"), await box("dag-node-check"), await box("dag-node-report"), await box("dag-finally")];
  expect(check.x).toBeGreaterThan(greet.x + greet.width);
  expect(report.x).toBeGreaterThan(check.x + check.width);
  expect(report.x).toBeGreaterThanOrEqual(group.x);
  expect(report.y + report.height).toBeLessThanOrEqual(group.y + group.height);

  // Start: a field per param, its default filled in.
  await page.getByRole("button", { name: "Start: hello" }).click();
  const start = page.getByRole("dialog", { name: "Start hello" });
  await expect(start.getByLabel("who")).toHaveValue("world");
  await start.getByLabel("who").fill("pilothouse");
  await start.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/pipelineruns/hello-[a-z0-9]{5}$`));
  const first = page.url().split("/").pop() ?? "";
  await expect(page.getByTestId("object-summary")).toContainText("who=pilothouse");
  await expect(page.getByTestId("object-summary")).toContainText(developer);

  // The run's graph follows the TaskRuns: check runs after greet succeeded, then all are green.
  const node = (task: string) => page.getByTestId("pipeline-dag").getByTestId(`dag-node-${task}`);
  await expect(node("check")).toHaveAttribute("data-status", "Running", { timeout: 60_000 });
  await expect(node("greet")).toHaveAttribute("data-status", "Succeeded");
  for (const task of ["greet", "check", "report"]) await expect(node(task)).toHaveAttribute("data-status", "Succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("object-status")).toHaveAttribute("data-status", "Succeeded", { timeout: 30_000 });
  // The step logs: greet's echo step printed the param Tekton substituted.
  const logs = page.getByTestId("step-logs");
  await page.getByLabel("Task", { exact: true }).selectOption({ label: "greet · Succeeded" });
  await expect(logs.getByRole("tab", { name: "echo" })).toHaveAttribute("aria-selected", "true");
  await expect(logs.getByRole("log")).toContainText("hello pilothouse");
  await page.screenshot({ path: test.info().outputPath("run-graph.png"), fullPage: true });

  // Rerun with another value: the new run names the one it came from.
  await page.getByRole("button", { name: `Rerun: ${first}` }).click();
  const rerun = page.getByRole("dialog", { name: `Rerun ${first}` });
  await expect(rerun.getByLabel("who")).toHaveValue("pilothouse");
  await rerun.getByLabel("who").fill("again");
  await rerun.getByRole("button", { name: "Start run" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/pipelineruns/${first}$`));
  await expect(page.getByTestId("object-summary")).toContainText("who=again");
  const second = page.url().split("/").pop() ?? "";
  expect(second).toMatch(/^hello-[a-z0-9]{5}$/);

  // Stop it while it runs: cancelled, its graph says so.
  await page.getByRole("button", { name: `Stop: ${second}` }).click();
  const stop = page.getByRole("dialog", { name: `Stop ${second}` });
  await stop.getByLabel("Cancel now").check();
  await stop.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("object-status")).toHaveAttribute("data-status", "Cancelled", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: `Stop: ${second}` })).toHaveCount(0);
});

test("a developer creates a pipeline from a template", async ({ page }) => {
  await signInLocal(page, developer, password);
  await page.goto(`/c/member-1/ns/${project}/pipelines`);
  await page.getByRole("button", { name: "Create from YAML" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("group", { name: "Start from:" }).getByRole("button", { name: "Build and test" }).click();
  await expect(dialog.getByTestId("yaml-editor")).toContainText("name: build-and-test");
  // The cluster checks it first (a dry run), then it is created.
  await dialog.getByRole("button", { name: "Validate" }).click();
  await expect(dialog.getByText("The cluster accepted it (dry run: nothing was changed).")).toBeVisible();
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${project}/pipelines/build-and-test$`));
  // Its graph: clone first, test and lint side by side, report apart.
  await expect(page.getByTestId("pipeline-dag").getByTestId("dag-node-lint")).toBeVisible();
  await expect(page.getByTestId("dag-finally")).toBeVisible();
});

test("someone of another tenant does not see the pipeline or its runs", async ({ page }) => {
  await signInLocal(page, outsider, password);
  await nav(page).getByRole("link", { name: "Pipelines" }).click();
  await expect(page.getByTestId("pipelines-loading")).toHaveAttribute("data-loading", "0", { timeout: 30_000 });
  await expect(page.getByText("No pipeline runs in the projects you may see.")).toBeVisible();
  await expect(page.getByTestId(`pipelinerun-row-member-1-${project}-hello-1`)).toHaveCount(0);
  await expect(page.getByTestId(`pipeline-row-member-1-${project}-hello`)).toHaveCount(0);
  // Nor through the API.
  expect((await page.request.get(`${tekton}/pipelineruns/hello-1`)).status()).toBe(403);
});

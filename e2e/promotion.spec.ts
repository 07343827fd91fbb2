import { type Page, expect, test } from "@playwright/test";
import { adminApi, createUsers, kubectl, registerFleet, runId, signInLocal } from "./support/helpers";

// A developer builds an image with a pipeline started from the console, finds
// it on the promotion lane as what dev runs, and promotes it to test (only the
// image of test's Deployment changes) and on to prod, which waits for another
// person's approval; that person approves, then rolls the promotion back.

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `pr-${run}`;
const [dev, testNs, prod] = ["dev", "test", "prod"].map((s) => `${tenant}-${s}`);
const lane = `shop-${run}`;
const developer = `prd-${run}`;
const approver = `pra-${run}`;
const password = "e2e-user-password";
const BUILT = `registry.local/shop:e2e-${run}`;
const OLD = "registry.local/shop:1.0.0";

const deployment = (namespace: string, image: string) =>
  JSON.stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "shop", namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "shop" } },
      template: { metadata: { labels: { app: "shop" } }, spec: { containers: [{ name: "shop", image, resources: { requests: { cpu: "10m" } } }] } },
    },
  });

// The build: its image result as the fleet plays it (a pipeline's annotations reach its TaskRuns' pods).
const pipeline = {
  apiVersion: "tekton.dev/v1",
  kind: "Pipeline",
  metadata: { name: "build", namespace: dev, annotations: { "sim.pilothouse.dev/step-duration": "300ms", "sim.pilothouse.dev/result-image": BUILT } },
  spec: {
    params: [{ name: "revision", type: "string", default: "main" }],
    results: [{ name: "image", value: "$(tasks.push.results.image)" }],
    tasks: [
      {
        name: "push",
        taskSpec: { results: [{ name: "image" }], steps: [{ name: "push", image: "registry.local/tools:1", script: `echo -n ${BUILT} > $(results.image.path)` }] },
      },
    ],
  },
};

const imageIn = (cluster: string, ns: string) => kubectl(cluster, ["get", "deployment", "shop", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).trim();

async function openLane(page: Page) {
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Pipelines" }).click();
  await page.getByTestId("promotion-lanes-link").click();
  await page.getByTestId(`lane-row-${lane}`).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/pipelines/promotion/${lane}$`));
}

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await registerFleet(req, headers);
  expect((await req.post("/api/tenants", { headers, data: { name: tenant, clusters: ["member-1", "member-2"] } })).status()).toBe(201);
  for (const [name, cluster] of [
    [dev, "member-1"],
    [testNs, "member-2"],
    [prod, "member-2"],
  ]) {
    const p = await req.post("/api/projects", { headers, data: { tenant, clusters: [cluster], name } });
    expect(p.status(), await p.text()).toBe(201);
  }
  await createUsers(req, headers, [developer, approver], password);
  for (const [user, cluster, namespace] of [
    [developer, "member-1", dev],
    [developer, "member-2", testNs],
    [developer, "member-2", prod],
    [approver, "member-2", prod],
  ]) {
    const b = await req.post("/api/rolebindings", { headers, data: { subject: { kind: "User", name: user }, role: "project-developer", scope: { type: "project", cluster, namespace } } });
    expect(b.status(), await b.text()).toBe(201);
  }
  kubectl("member-1", ["apply", "-f", "-"], deployment(dev, BUILT));
  kubectl("member-2", ["apply", "-f", "-"], `${deployment(testNs, OLD)}\n---\n${deployment(prod, OLD)}`);
  const l = await req.post("/api/lanes", {
    headers,
    data: {
      name: lane,
      tenant,
      displayName: "Shop",
      stages: [
        { name: "dev", cluster: "member-1", namespace: dev, workload: "shop" },
        { name: "test", cluster: "member-2", namespace: testNs, workload: "shop" },
        { name: "prod", cluster: "member-2", namespace: prod, workload: "shop", requireApproval: true },
      ],
    },
  });
  expect(l.status(), await l.text()).toBe(201);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await req.delete(`/api/lanes/${lane}`, { headers });
  for (const ns of [dev, testNs, prod]) await req.delete(`/api/projects/${tenant}/${ns}`, { headers });
  for (const u of [developer, approver]) await req.delete(`/api/users/${u}`, { headers });
  await page.close();
});

test("a developer builds an image, promotes it from dev to test, and asks for prod", async ({ page }) => {
  test.setTimeout(150_000);
  await signInLocal(page, developer, password);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const made = await page.request.post(`/clusters/member-1/apis/tekton.dev/v1/namespaces/${dev}/pipelines`, { headers: { "x-csrf-token": csrfToken }, data: pipeline });
  expect(made.status(), await made.text()).toBe(201);

  // Build: start the pipeline from its page and follow the run to Succeeded.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Pipelines" }).click();
  await page.getByTestId(`pipeline-row-member-1-${dev}-build`).getByRole("link", { name: "build", exact: true }).click();
  await page.getByRole("button", { name: "Start: build" }).click();
  await page.getByRole("dialog", { name: "Start build" }).getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${dev}/pipelineruns/build-[a-z0-9]{5}$`));
  const built = page.url().split("/").pop() ?? "";
  await expect(page.getByTestId("pipeline-dag").getByTestId("dag-node-push")).toHaveAttribute("data-status", "Succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("object-status")).toHaveAttribute("data-status", "Succeeded", { timeout: 30_000 });

  // The lane: dev runs what the run built, test an older image.
  await openLane(page);
  const devStage = page.getByTestId("stage-dev");
  await expect(devStage).toContainText(`e2e-${run}`);
  await expect(devStage.getByRole("link", { name: built })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("stage-test")).toContainText("1.0.0");

  // Promote dev → test: the dialog shows the change, then test runs the built image.
  await page.getByTestId("promote-dev-test").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("diff-tag")).toHaveAttribute("data-changed", "true");
  await expect(dialog.getByTestId("image-diff")).toContainText("1.0.0");
  await expect(dialog.getByTestId("image-diff")).toContainText(`e2e-${run}`);
  await dialog.getByTestId("promote-confirm").click();
  await expect(page.getByTestId("stage-test")).toContainText(`e2e-${run}`);
  await expect(page.getByTestId("in-sync-dev-test")).toBeVisible();
  await expect(page.getByTestId("promotion-history").locator('[data-phase="Promoted"]')).toHaveCount(1);
  expect(imageIn("member-2", testNs)).toBe(BUILT);

  // test → prod waits for someone else: the requester cannot approve it.
  await page.getByTestId("promote-test-prod").click();
  await expect(page.getByRole("dialog").getByTestId("approval-note")).toBeVisible();
  await page.getByRole("dialog").getByTestId("promote-confirm").click();
  const waiting = page.getByTestId("waiting-approval").locator("li");
  await expect(waiting).toHaveCount(1);
  await expect(waiting.getByRole("button", { name: /approve/i })).toBeDisabled();
  await expect(waiting).toContainText("Someone else must approve");
  expect(imageIn("member-2", prod)).toBe(OLD);
  await page.screenshot({ path: test.info().outputPath("lane-waiting.png"), fullPage: true });
});

test("someone else with rights in prod approves the promotion, then rolls it back", async ({ page }) => {
  await signInLocal(page, approver, password);
  await openLane(page);
  const waiting = page.getByTestId("waiting-approval").locator("li");
  await expect(waiting).toContainText(developer);
  await waiting.getByRole("button", { name: /approve/i }).click();
  await page.getByRole("dialog").getByTestId("approve-confirm").click();
  await expect(page.getByTestId("waiting-approval")).toHaveCount(0);
  await expect(page.getByTestId("stage-prod")).toContainText(`e2e-${run}`);
  expect(imageIn("member-2", prod)).toBe(BUILT);
  const row = page.getByTestId("promotion-history").locator("tr[data-phase]").first();
  await expect(row).toHaveAttribute("data-phase", "Promoted");
  await expect(row).toContainText(approver);

  await row.getByRole("button", { name: /roll back/i }).click();
  await page.getByRole("dialog").getByTestId("rollback-confirm").click();
  await expect(row).toHaveAttribute("data-phase", "RolledBack");
  await expect(page.getByTestId("stage-prod")).toContainText("1.0.0");
  expect(imageIn("member-2", prod)).toBe(OLD);
});

import { execFileSync } from "node:child_process";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { root, signInLocal } from "./support/helpers";

// The console under its Content Security Policy (next.config.ts): signing in
// (credentials and SSO), tables, the Monaco YAML editor, uPlot charts and a
// secret's reveal must all work without the browser refusing anything.

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).slice(-4);
const ns = `csp-${run}`;
const secretKey = `api-token-${run}`;
const secretValue = `tok-${run}-${Math.random().toString(36).slice(2, 12)}`;
const consoleOrigin = `http://127.0.0.1:${E2E.port}`;

function kubectl(args: string[], input?: string) {
  return execFileSync(path.join(root, ".fleet/bin/kubectl"), ["--context=host", ...args], {
    env: { ...process.env, KUBECONFIG: path.join(root, ".fleet/kubeconfig") },
    input,
    encoding: "utf8",
  });
}

/** Collects every CSP violation and CSP console error the console's own pages raise. */
async function watchCSP(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript((origin) => {
    document.addEventListener("securitypolicyviolation", (e) => {
      if (location.origin === origin) console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`);
    });
  }, consoleOrigin);
  page.on("console", (m) => {
    const text = m.text();
    const ours = m.location().url.startsWith(consoleOrigin) || page.url().startsWith(consoleOrigin);
    if (ours && (m.type() === "error" || m.type() === "warning") && /securitypolicyviolation|Content Security Policy/i.test(text)) problems.push(text);
  });
  page.on("pageerror", (e) => {
    if (/Content Security Policy|unsafe-eval|EvalError/i.test(e.message)) problems.push(e.message);
  });
  return problems;
}

test.beforeAll(() => {
  kubectl(
    ["apply", "-f", "-"],
    [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: ns },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: "web" } },
          template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
        },
      },
      { apiVersion: "v1", kind: "Secret", metadata: { name: "app-creds", namespace: ns }, data: { [secretKey]: Buffer.from(secretValue).toString("base64") } },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n---\n"),
  );
});

test.afterAll(() => {
  kubectl(["delete", "namespace", ns, "--ignore-not-found", "--wait=false"]);
});

test("an admin signs in, edits a Deployment's YAML in Monaco and reads charts with nothing refused", async ({ page }) => {
  test.setTimeout(180_000);
  const problems = await watchCSP(page);
  await signInLocal(page);

  // A workloads page: the table and its live watch.
  await page.goto(`/c/host/ns/${ns}/deployments`);
  const table = page.getByRole("table", { name: "Deployments" });
  await expect(table.getByText("web", { exact: true })).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  // The Deployment's YAML in Monaco (loaded from /monaco, workers from blob: URLs).
  await table.getByRole("link", { name: "web", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/c/host/ns/${ns}/deployments/web`));
  await page.getByRole("tab", { name: "YAML" }).click();
  const editor = page.getByTestId("yaml-editor");
  await expect(editor.locator(".view-lines")).toContainText("kind: Deployment", { timeout: 30_000 });
  await expect(editor.locator(".view-lines")).toContainText("name: web");
  // Monaco's web worker answers (validation and the diff run there): the review diff renders.
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByTestId("yaml-diff").locator(".view-lines").first()).toContainText("name: web", { timeout: 30_000 });

  // uPlot charts with data: the platform overview (the host's Prometheus).
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Monitoring", exact: true }).click();
  const chart = page.getByTestId("chart-cluster_cpu_utilisation-host");
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(async () => Number((await chart.getAttribute("data-points")) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(chart.locator("canvas").first()).toBeVisible();

  expect(problems).toEqual([]);
});

test("a secret's value is in no page until revealed, then shown", async ({ page }) => {
  const problems = await watchCSP(page);
  await signInLocal(page);
  await page.goto(`/c/host/ns/${ns}/secrets`);
  await expect(page.getByRole("table", { name: "Secrets" }).getByText(secretKey)).toBeVisible();
  await page.goto(`/c/host/ns/${ns}/secrets/app-creds?tab=data`);
  const row = page.getByTestId(`secret-key-${secretKey}`);
  await expect(row).toBeVisible();
  // Neither the served page nor what the browser holds has the value before it is asked for.
  const served = await (await page.request.get(`/c/host/ns/${ns}/secrets/app-creds?tab=data`)).text();
  expect(served).toContain(secretKey);
  expect(served).not.toContain(secretValue);
  expect(served).not.toContain(Buffer.from(secretValue).toString("base64"));
  expect(await page.content()).not.toContain(secretValue);

  const valueRequest = page.waitForRequest((r) => r.url().endsWith(`/clusters/host/api/v1/namespaces/${ns}/secrets/app-creds`));
  await row.getByRole("button", { name: `Reveal the value of ${secretKey}` }).click();
  await valueRequest;
  await expect(page.getByTestId(`secret-value-${secretKey}`)).toHaveText(secretValue);
  await row.getByRole("button", { name: `Hide the value of ${secretKey}` }).click();
  await expect(page.getByTestId(`secret-value-${secretKey}`)).toHaveCount(0);

  // The YAML tab fetches the whole object when asked; its values are there (base64, as in the cluster).
  await page.getByRole("tab", { name: "YAML" }).click();
  await page.getByRole("button", { name: "Show the YAML" }).click();
  await page.getByLabel("Plain text editor").check();
  await expect(page.getByTestId("yaml-textarea")).toHaveValue(new RegExp(`${secretKey}: ${Buffer.from(secretValue).toString("base64")}`));

  expect(problems).toEqual([]);
});

test("signing in through SSO redirects out and back under the policy", async ({ page }) => {
  const problems = await watchCSP(page);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Example SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${E2E.oidcPort}/`));
  await page.locator('input[name="login"]').fill(`csp-${run}`);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${E2E.port}/$`));
  await expect(page.getByRole("button", { name: new RegExp(`Account menu for csp-${run}`) })).toBeVisible();
  expect(problems).toEqual([]);
});

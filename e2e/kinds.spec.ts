import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { adminApi, registerFleet, root, signInLocal } from "./support/helpers";

// A kind added as one module (ServiceAccount) gets a tab, a list and an object
// page from the registry alone, with a real object on a member cluster.

const ns = `e2e-kinds-${Date.now().toString(36).slice(-5)}`;

function kubectl(args: string[], input?: string) {
  return execFileSync(path.join(root, ".fleet/bin/kubectl"), ["--kubeconfig", path.join(root, ".fleet/kubeconfig"), "--context", "member-1", ...args], { encoding: "utf8", input });
}

test.beforeAll(async ({ browser }) => {
  kubectl(["create", "namespace", ns]);
  kubectl(
    ["apply", "-f", "-"],
    JSON.stringify({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "builder", namespace: ns, labels: { team: "ci" } },
      imagePullSecrets: [{ name: "registry-creds" }],
      automountServiceAccountToken: false,
    }),
  );
  const { page, req, headers } = await adminApi(browser);
  await registerFleet(req, headers);
  await page.close();
});

test.afterAll(() => {
  kubectl(["delete", "namespace", ns, "--ignore-not-found", "--wait=false"]);
});

test("the admin lists service accounts and opens one", async ({ page }) => {
  await signInLocal(page);
  await page.goto(`/c/member-1/ns/${ns}`);
  await page.getByRole("navigation", { name: /kinds/i }).getByRole("link", { name: "Service accounts" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/member-1/ns/${ns}/serviceaccounts$`));
  await expect(page.getByRole("link", { name: "Service accounts" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Service accounts" })).toBeVisible();

  // The namespace's own "default" account and ours, live from the cluster.
  const row = page.getByTestId("serviceaccount-row-builder");
  await expect(row).toContainText("registry-creds");
  await expect(row).toContainText("No");
  await expect(page.getByTestId("serviceaccount-row-default")).toContainText("Yes");
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  await row.getByRole("link", { name: "builder" }).click();
  await expect(page).toHaveURL(new RegExp(`/serviceaccounts/builder$`));
  await expect(page.getByRole("heading", { name: "ServiceAccount builder" })).toBeVisible();
  await expect(page.getByText("Mounts its token in pods")).toBeVisible();
  await expect(page.locator("dd", { hasText: "registry-creds" })).toBeVisible();
  await expect(page.getByText("team=ci")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete: builder", exact: true })).toBeEnabled();

  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(page).toHaveURL(/\?tab=yaml$/);
  await expect(page.getByTestId("yaml-editor")).toContainText(/kind:\s*ServiceAccount/);

  // Deleted behind the page's back: the live page says so.
  kubectl(["delete", "serviceaccount", "builder", "-n", ns]);
  await expect(page.getByTestId("object-gone")).toBeVisible();
});

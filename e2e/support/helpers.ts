import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page, expect } from "@playwright/test";
import { E2E } from "./env";

export const root = path.resolve(import.meta.dirname, "../..");

export async function signInLocal(page: Page, username = "admin", password = E2E.adminPassword) {
  await page.goto("/sign-in");
  await page.getByLabel(/^(Username|用户名)$/).fill(username);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|登录)$/ }).click();
  await expect(page).toHaveURL(/\/$/);
}

export function fleet(target: "fleet-stop" | "fleet-start", cluster: string) {
  execFileSync("make", ["--no-print-directory", target, `CLUSTER=${cluster}`], { cwd: root, stdio: "inherit" });
}

export function fleetKubeconfig(cluster: string): string {
  return readFileSync(path.join(root, ".fleet/clusters", cluster, "kubeconfig"), "utf8");
}

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, type Page, expect } from "@playwright/test";
import { seedDemoPeople } from "../../scripts/demo-people.mjs";
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

/** `.fleet/bin/kubectl --context <context> …`, the fleet's own kubectl. */
export function kubectl(context: string, args: string[], input?: string): string {
  return execFileSync(path.join(root, ".fleet/bin/kubectl"), ["--kubeconfig", path.join(root, ".fleet/kubeconfig"), "--context", context, ...args], {
    input,
    encoding: "utf8",
  });
}

/** A short suffix that keeps one run's test data apart from another's. */
export const runId = () => Date.now().toString(36).slice(-5);

/** The admin's API session (CSRF header included) in a page of its own, for a spec's setup. */
export async function adminApi(browser: Browser): Promise<{ page: Page; req: APIRequestContext; headers: Record<string, string> }> {
  const page = await browser.newPage();
  await signInLocal(page);
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  return { page, req: page.request, headers: { "x-csrf-token": csrfToken } };
}

/**
 * A tenant on member-1 with one project in it, made through the console's API
 * (the console's state is fresh each run, member-1 may not be registered yet).
 */
export async function tenantWithProject(
  req: APIRequestContext,
  headers: Record<string, string>,
  o: { tenant: string; project: string; quota?: Record<string, string>; limits?: Record<string, Record<string, string>> },
) {
  const reg = await req.post("/api/clusters", { headers, data: { source: "kubeconfig", name: "member-1", kubeconfig: fleetKubeconfig("member-1") } });
  expect([201, 409]).toContain(reg.status());
  expect((await req.post("/api/tenants", { headers, data: { name: o.tenant, clusters: ["member-1"] } })).status()).toBe(201);
  const p = await req.post("/api/projects", { headers, data: { tenant: o.tenant, clusters: ["member-1"], name: o.project, quota: o.quota, limits: o.limits } });
  expect(p.status(), await p.text()).toBe(201);
}

/** The fleet's member clusters registered with their Prometheus and gateway (another spec may have registered one without them). */
export async function registerFleet(req: APIRequestContext, headers: Record<string, string>) {
  const fleet = JSON.parse(readFileSync(path.join(root, ".fleet/fleet.json"), "utf8")) as { name: string; prometheus: string; gateway?: string }[];
  for (const c of fleet.filter((c) => c.name !== "host")) {
    const reg = await req.post("/api/clusters", {
      headers,
      data: { source: "kubeconfig", name: c.name, kubeconfig: fleetKubeconfig(c.name), prometheusURL: c.prometheus, gatewayURL: c.gateway },
    });
    expect([201, 409]).toContain(reg.status());
    // "" clears a gateway the fleet does not have (yet).
    expect((await req.patch(`/api/clusters/${c.name}`, { headers, data: { prometheusURL: c.prometheus, gatewayURL: c.gateway ?? "" } })).status()).toBe(200);
  }
}

/** `make demo`'s clusters, people and tenancy (scripts/demo-people.mjs) on this console: alice, bob, carol, dave. */
export async function demoPeople(req: APIRequestContext, headers: Record<string, string>) {
  await registerFleet(req, headers);
  await seedDemoPeople(async (method: string, p: string, body: unknown) => {
    const res = await req.fetch(p, { method, headers, data: body });
    expect(method === "PATCH" ? [200] : [201, 409], `${method} ${p}: ${await res.text()}`).toContain(res.status());
    return res;
  });
}

/** Local users with one password, for the people of a spec. */
export async function createUsers(req: APIRequestContext, headers: Record<string, string>, names: string[], password: string) {
  for (const username of names) expect((await req.post("/api/users", { headers, data: { username, password } })).status()).toBe(201);
}

/** Undoes tenantWithProject and createUsers; the console's own state goes with its namespace at the next start. */
export async function removeTestData(browser: Browser, o: { tenant: string; project: string; users?: string[] }) {
  const { page, req, headers } = await adminApi(browser);
  await req.delete(`/api/projects/${o.tenant}/${o.project}`, { headers });
  for (const u of o.users ?? []) await req.delete(`/api/users/${u}`, { headers });
  kubectl("member-1", ["delete", "namespace", o.project, "--ignore-not-found", "--wait=false"]);
  await page.close();
}

/** From the side navigation to a project's page, the way a user finds it in a long list. */
export async function openProject(page: Page, name: string) {
  await page.getByRole("link", { name: "Projects", exact: true }).click();
  await page.getByRole("searchbox", { name: "Filter" }).fill(name);
  await page.getByRole("link", { name, exact: true }).click();
}

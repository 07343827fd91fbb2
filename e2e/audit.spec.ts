import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { adminApi, createUsers, runId, signInLocal } from "./support/helpers";

// The audit trail in the browser: a user's actions and a refusal land in the
// fleet's PostgreSQL; the admin finds them from Access → Audit by user,
// narrows to refusals, opens a row's details and exports what the filter shows.

const run = runId();
const user = `aud-${run}`;
const password = "e2e-user-password";

test("the admin filters the audit trail by user and exports it", async ({ browser, page }) => {
  const { page: api, req, headers } = await adminApi(browser);
  await createUsers(req, headers, [user], password);
  await api.close();
  // The user's own actions: a token made (allowed) and a cluster list they may not read (refused).
  const own = await browser.newPage();
  await signInLocal(own, user, password);
  const { csrfToken } = await (await own.request.get("/api/session")).json();
  expect((await own.request.post("/api/tokens", { headers: { "x-csrf-token": csrfToken }, data: { name: `aud-${run}` } })).status()).toBe(201);
  expect((await own.request.get("/clusters/host/api/v1/secrets")).status()).toBe(403);
  await own.close();

  await signInLocal(page);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Access" }).click();
  await page.getByRole("navigation", { name: "Access sections" }).getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL(/\/access\/audit$/);
  const filters = page.getByTestId("audit-filters");
  await filters.getByLabel("User").fill(user);
  await filters.getByLabel("User").press("Enter");
  await expect(page).toHaveURL(new RegExp(`user=${user}`));
  const rows = page.locator('[data-testid^="audit-row-"]');
  await expect(rows.filter({ hasText: "/api/tokens" })).toHaveCount(1, { timeout: 15_000 });
  await expect(rows.filter({ hasText: "secrets" })).toHaveCount(1);
  await filters.getByLabel("Result").selectOption("refused");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-result", "refused");
  await rows.first().getByRole("button", { name: /details/i }).click();
  await expect(rows.first()).toContainText("host");
  await expect(page.locator('[data-testid^="audit-details-"]')).toContainText("403");
  await expect(page.locator('[data-testid^="audit-details-"]')).toContainText("Request ID");
  await page.screenshot({ path: test.info().outputPath("audit.png"), fullPage: true });

  const download = page.waitForEvent("download");
  await page.getByTestId("audit-export-csv").click();
  const file = await (await download).path();
  const lines = readFileSync(file, "utf8").trim().split("\r\n");
  expect(lines[0]).toMatch(/^time,event,user,/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(user);
  expect(lines[1]).toContain("refused");
});

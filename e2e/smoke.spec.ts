import { expect, test } from "@playwright/test";

test("serves its health endpoint and sends visitors to sign in", async ({ page, request }) => {
  const health = await request.get("/api/healthz");
  expect(health.status()).toBe(200);
  // The browser tests' console writes its audit trail to the fleet's PostgreSQL: the probe says it keeps up.
  expect(await health.json()).toEqual({ status: "ok", audit: { ready: true, failing: false, queued: expect.any(Number), dropped: 0 } });

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Pilothouse");
});

test("the sign-in page follows the browser's language", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });
  const page = await ctx.newPage();
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录 Pilothouse");
  await ctx.close();
});

test("an API call without credentials gets a Kubernetes Status 401", async ({ request }) => {
  const res = await request.get("/clusters/host/api/v1/namespaces");
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ kind: "Status", code: 401 });
});

import { expect, test } from "@playwright/test";

test("the console serves its health endpoint and home page", async ({ page, request }) => {
  const health = await request.get("/api/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pilothouse");
  await expect(page).toHaveTitle("Pilothouse");
});

test("the home page follows the browser's language", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });
  const page = await ctx.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByText("控制台正在建设中")).toBeVisible();
  await ctx.close();
});

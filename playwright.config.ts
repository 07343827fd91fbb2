import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/support/env";
const consoleURL = `http://127.0.0.1:${E2E.port}`;
const fleet = path.join(import.meta.dirname, ".fleet");

// Debian's chromium (apt), never a downloaded browser: this machine has no
// internet beyond the package registries.
export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: consoleURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
    },
  },
  webServer: [
    {
      command: "node e2e/support/oidc-provider.mjs",
      url: `http://127.0.0.1:${E2E.oidcPort}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(E2E.oidcPort), CONSOLE_URL: consoleURL },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node e2e/support/start-console.mjs",
      url: `${consoleURL}/api/healthz`,
      env: {
        NODE_ENV: "production",
        PORT: String(E2E.port),
        HOSTNAME: "127.0.0.1",
        NEXTAUTH_URL: consoleURL,
        PILOTHOUSE_KUBECONFIG: path.join(fleet, "kubeconfig"),
        PILOTHOUSE_CONTEXT: "host",
        PILOTHOUSE_NAMESPACE: E2E.namespace,
        PILOTHOUSE_ADMIN_PASSWORD: E2E.adminPassword,
        OIDC_ISSUER: `http://127.0.0.1:${E2E.oidcPort}`,
        OIDC_CLIENT_ID: "pilothouse",
        OIDC_CLIENT_SECRET: "pilothouse-e2e-secret",
        OIDC_NAME: "Example SSO",
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // "server-only" throws outside a React Server Components build; tests import such modules directly.
  "server-only": fileURLToPath(new URL("./test/support/server-only.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,components,app,hack,policies,scripts,i18n,bench}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,app,hack,policies,scripts}/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["./test/integration/global-setup.ts"],
          // Files share one fleet; run them one after another so timings stay honest.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Kubernetes' own conformance specs (test/conformance): minutes, so a project of its own (`make conformance`).
          name: "conformance",
          include: ["test/conformance/**/*.conformance.test.ts"],
          environment: "node",
          globalSetup: ["./test/integration/global-setup.ts"],
          testTimeout: 3_600_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

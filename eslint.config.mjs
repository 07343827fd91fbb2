import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "zod", message: "Import z from @/lib/validations/zod: it keeps zod's eval probe out of the browser (CSP)." }] },
      ],
    },
  },
  {
    files: ["lib/validations/zod.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    ignores: [
      ".next/**",
      "dist/**",
      "public/monaco/**",
      ".fleet/**",
      "node_modules/**",
      "next-env.d.ts",
      "bench/results/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;

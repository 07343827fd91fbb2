import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
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

import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Evaluated by `next build` (production) and by the dev server.
const dev = process.env.NODE_ENV !== "production";

/**
 * The browser may load code, styles, fonts and workers only from the console
 * itself, talk only to it, and never frame it. Two relaxations, each the
 * smallest that works:
 * - script-src 'unsafe-inline': the App Router streams its payload in inline
 *   <script> tags; nonces would need every page rendered per request through
 *   a proxy.ts that sets them. Nothing else injects scripts (no third-party code).
 * - worker-src blob:: Monaco starts each worker from a blob: URL that imports
 *   its script from /monaco (same origin).
 * style-src 'unsafe-inline' is for Monaco's and uPlot's inline styles.
 * The dev server adds 'unsafe-eval' (React's dev build evals to rebuild server
 * call stacks: without it every page logs violations and hydration fails) and
 * ws:/wss: for the HMR socket (browsers that do not count a same-origin
 * websocket as 'self'); production has neither.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Console addresses name clusters, namespaces and objects: links out (a route's host, the identity provider) get no referrer at all.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // .next/standalone: the server files with only the packages they use, for the image (scripts/assemble-image.mjs).
  output: "standalone",
  // @kubernetes/client-node and the native argon2 binding stay server-side, unbundled.
  serverExternalPackages: ["@kubernetes/client-node", "@node-rs/argon2"],
  // Every page, API answer, asset and 404 Next.js serves; the /clusters/ proxy sets its own.
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
};

export default withNextIntl(nextConfig);

import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // @kubernetes/client-node and the native argon2 binding stay server-side, unbundled.
  serverExternalPackages: ["@kubernetes/client-node", "@node-rs/argon2"],
};

export default withNextIntl(nextConfig);

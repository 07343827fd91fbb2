export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  oidcPort: Number(process.env.E2E_OIDC_PORT ?? 3199),
  namespace: process.env.E2E_NAMESPACE ?? "pilothouse-e2e",
  adminPassword: "e2e-admin-password",
};

import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";

/** Console configuration from the environment (see README "Configuration"). */
export interface Config {
  kubeconfig?: string;
  context?: string;
  namespace: string;
  adminPassword?: string;
  registerHost: boolean;
  hostClusterName: string;
  /** Prometheus of the host cluster, set when the console registers the host itself. */
  hostPrometheusURL?: string;
  publicURL?: string;
  sessionMaxAgeSeconds: number;
  oidc?: { issuer: string; clientId: string; clientSecret: string; name: string; groupsClaim: string };
  maxBodyBytes: number;
  /** Half-made objects a crashed process left (Pending clusters, provisioning namespaces) older than this are removed. */
  reapGraceMs: number;
  reapIntervalMs: number;
  /** Longest lifetime of a personal access token in days; 0: no cap (tokens may then never expire). */
  tokenMaxDays: number;
  tls: { certFile?: string; keyFile?: string; caFile?: string; extraNames: string[] };
  /** PostgreSQL of the audit trail; without it the trail is off (stdout lines only). */
  databaseURL?: string;
  /** Audit rows older than this many days are deleted. */
  auditRetentionDays: number;
  /** Audit rows held in memory while the database does not take them; more are dropped and counted. */
  auditQueueMax: number;
  /** The port this process listens on: helm, run for a user, reaches the clusters through it. */
  port: number;
  /** The helm binary (PILOTHOUSE_HELM; else the fleet's, else helm on PATH). */
  helmPath: string;
  /** Helm processes at once per user, and in all. */
  helmPerUser: number;
  helmTotal: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const oidcIssuer = env.OIDC_ISSUER?.trim();
  return {
    kubeconfig: env.PILOTHOUSE_KUBECONFIG || env.KUBECONFIG || undefined,
    context: env.PILOTHOUSE_CONTEXT || undefined,
    namespace: env.PILOTHOUSE_NAMESPACE || "pilothouse-system",
    adminPassword: env.PILOTHOUSE_ADMIN_PASSWORD || undefined,
    registerHost: env.PILOTHOUSE_REGISTER_HOST !== "false",
    hostClusterName: env.PILOTHOUSE_HOST_CLUSTER_NAME || "host",
    hostPrometheusURL: env.PILOTHOUSE_HOST_PROMETHEUS_URL || undefined,
    publicURL: env.PILOTHOUSE_URL || env.NEXTAUTH_URL || undefined,
    sessionMaxAgeSeconds: Number(env.PILOTHOUSE_SESSION_MAX_AGE || 12 * 3600),
    oidc: oidcIssuer
      ? {
          issuer: oidcIssuer,
          clientId: env.OIDC_CLIENT_ID ?? "",
          clientSecret: env.OIDC_CLIENT_SECRET ?? "",
          name: env.OIDC_NAME || "SSO",
          groupsClaim: env.OIDC_GROUPS_CLAIM || "groups",
        }
      : undefined,
    maxBodyBytes: Number(env.PILOTHOUSE_MAX_BODY_BYTES || 3 * 1024 * 1024),
    // Longer than any registration or project creation takes (both are bounded by request timeouts).
    reapGraceMs: Number(env.PILOTHOUSE_REAP_GRACE_MS || 120_000),
    reapIntervalMs: Number(env.PILOTHOUSE_REAP_INTERVAL_MS || 30_000),
    tokenMaxDays: wholeDays("PILOTHOUSE_TOKEN_MAX_DAYS", env.PILOTHOUSE_TOKEN_MAX_DAYS, 365),
    databaseURL: env.PILOTHOUSE_DATABASE_URL?.trim() || undefined,
    auditRetentionDays: wholeDays("PILOTHOUSE_AUDIT_RETENTION_DAYS", env.PILOTHOUSE_AUDIT_RETENTION_DAYS, 90) || 90,
    auditQueueMax: Math.max(1, Number(env.PILOTHOUSE_AUDIT_QUEUE_MAX) || 50_000),
    port: Number(env.PORT || 3000),
    helmPath: env.PILOTHOUSE_HELM || (existsSync(".fleet/bin/helm") ? path.resolve(".fleet/bin/helm") : "helm"),
    helmPerUser: Math.max(1, Number(env.PILOTHOUSE_HELM_PER_USER) || 2),
    helmTotal: Math.max(1, Number(env.PILOTHOUSE_HELM_TOTAL) || 4),
    tls: {
      certFile: env.PILOTHOUSE_TLS_CERT_FILE || undefined,
      keyFile: env.PILOTHOUSE_TLS_KEY_FILE || undefined,
      caFile: env.PILOTHOUSE_TLS_CA_FILE || undefined,
      extraNames: (env.PILOTHOUSE_TLS_SANS ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}

/** A whole number of days ≥ 0; anything else stops the start (a typo must not lift a security cap). */
function wholeDays(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 36_500) throw new Error(`${name} must be a whole number of days from 0 (no cap) to 36500, not "${value}"`);
  return n;
}

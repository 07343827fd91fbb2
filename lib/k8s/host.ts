import "server-only";
import type https from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import type { ClusterCredentials } from "./connection";

/**
 * Credentials for the host cluster, from a kubeconfig (path + context) or the
 * in-cluster service account. client-node resolves files and auth plugins.
 */
export async function hostCredentials(kubeconfig?: string, context?: string): Promise<ClusterCredentials> {
  const kc = new KubeConfig();
  if (kubeconfig) {
    kc.loadFromFile(kubeconfig);
    if (context) {
      if (!kc.getContextObject(context)) throw new Error(`context "${context}" not found in ${kubeconfig}`);
      kc.setCurrentContext(context);
    }
  } else {
    kc.loadFromCluster();
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("no current cluster in the host kubeconfig");
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const auth = (opts.headers as Record<string, string> | undefined)?.Authorization;
  const pem = (v: unknown) => (v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString("utf8") : String(v));
  return {
    server: cluster.server,
    caData: pem(opts.ca),
    certData: pem(opts.cert),
    keyData: pem(opts.key),
    token: auth?.startsWith("Bearer ") ? auth.slice(7) : undefined,
    insecureSkipTLSVerify: cluster.skipTLSVerify,
    tlsServerName: cluster.tlsServerName,
  };
}

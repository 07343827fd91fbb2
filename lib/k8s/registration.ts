import "server-only";
import { K8sError, k8sJSON, statusFrom } from "./api";
import { describe } from "./clusters";
import { type ClusterCredentials, Connection, ConnectTimeoutError, request } from "./connection";
import { tlsMaterialProblem } from "./tls-material";

export type CredentialField = "server" | "ca" | "credentials" | "insecureSkipTLSVerify";

export class ProbeError extends Error {
  constructor(
    readonly field: CredentialField,
    message: string,
  ) {
    super(message);
  }
}

export interface ProbeResult {
  version: string;
  kubeSystemUID: string;
  nodeCount: number;
}

const TLS_TRUST_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_SIGNATURE_FAILURE",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function classify(err: unknown, server: string): ProbeError {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  if (e?.code && TLS_TRUST_CODES.has(e.code)) {
    const why =
      e.code === "ERR_TLS_CERT_ALTNAME_INVALID"
        ? `its certificate is not valid for this host name (${e.reason ?? e.message})`
        : e.code === "CERT_HAS_EXPIRED"
          ? "its certificate has expired"
          : "its certificate is not signed by the given certificate authority";
    return new ProbeError("ca", `TLS verification of ${server} failed: ${why}.`);
  }
  if (/alert (bad certificate|certificate expired|unknown ca|certificate required)/i.test(e?.message ?? "") || /SSLV3_ALERT|TLSV1_ALERT|TLSV13_ALERT/.test(e?.code ?? "")) {
    return new ProbeError(
      "credentials",
      "The server refused the client certificate during the TLS handshake (expired, or not signed by this cluster's CA).",
    );
  }
  if (err instanceof ConnectTimeoutError || /did not answer within/.test(e?.message ?? "")) {
    return new ProbeError("server", `${server} did not answer within 5 seconds.`);
  }
  if (e?.code === "EPROTO" || /wrong version number|packet length too long/i.test(e?.message ?? "")) {
    return new ProbeError("server", `${server} does not speak TLS (is it an http:// port?).`);
  }
  return new ProbeError("server", `Cannot reach ${server}: ${describe(err)}.`);
}

/**
 * Checks, within `budgetMs`, that the cluster is reachable, that TLS verifies
 * and that the credentials work, and reads what identifies it. Nothing is saved.
 */
export async function probeCluster(
  name: string,
  creds: ClusterCredentials,
  opts: { allowInsecure: boolean; budgetMs?: number },
): Promise<ProbeResult> {
  if (creds.insecureSkipTLSVerify && !opts.allowInsecure) {
    throw new ProbeError(
      "insecureSkipTLSVerify",
      "This cluster is configured to skip TLS verification. Allow insecure connections explicitly to register it anyway.",
    );
  }
  if (creds.server.startsWith("http://")) {
    throw new ProbeError("server", "The server URL must use https://: credentials would cross the network in clear text.");
  }
  const material = tlsMaterialProblem(creds);
  if (material) throw new ProbeError(material.field, material.message);
  const budget = opts.budgetMs ?? 5_000;
  const deadline = Date.now() + budget;
  const left = () => Math.max(1, deadline - Date.now());
  const conn = new Connection(`new:${name}`, creds, { maxSockets: 2 });
  try {
    let version: string;
    try {
      const v = await k8sJSON<{ gitVersion?: string }>(conn, "/version", { timeoutMs: left() });
      version = v.gitVersion ?? "unknown";
    } catch (err) {
      if (err instanceof K8sError) {
        // /version needs credentials on some clusters: judge by the next call.
        version = "unknown";
      } else {
        throw classify(err, creds.server);
      }
    }
    let ns;
    try {
      ns = await request(conn, {
        path: "/api/v1/namespaces/kube-system",
        headers: { accept: "application/json" },
        timeoutMs: left(),
        connectTimeoutMs: left(),
      });
    } catch (err) {
      throw classify(err, creds.server);
    }
    if (ns.status === 401) {
      throw new ProbeError("credentials", "The cluster rejected the credentials (401 Unauthorized): the token or client certificate is not valid there.");
    }
    if (ns.status === 403) {
      const st = statusFrom(403, ns.body, "forbidden");
      throw new ProbeError(
        "credentials",
        `The credentials are valid but may not read namespace kube-system (${st.message}). The console needs cluster-admin rights.`,
      );
    }
    if (ns.status === 404) {
      throw new ProbeError("server", `${creds.server} answered, but it does not look like a Kubernetes API server (no kube-system namespace).`);
    }
    if (ns.status >= 300) {
      throw new ProbeError("server", `The API server answered ${ns.status}: ${statusFrom(ns.status, ns.body, "error").message}`);
    }
    let uid: string | undefined;
    try {
      uid = JSON.parse(ns.body.toString("utf8"))?.metadata?.uid;
    } catch {
      /* handled below */
    }
    if (!uid) throw new ProbeError("server", `${creds.server} did not return a Kubernetes namespace object.`);
    let nodeCount = 0;
    try {
      const nodes = await request(conn, {
        path: "/api/v1/nodes",
        headers: { accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json" },
        timeoutMs: left(),
      });
      if (nodes.status < 300) nodeCount = JSON.parse(nodes.body.toString("utf8")).items?.length ?? 0;
    } catch {
      /* node count is informational */
    }
    return { version, kubeSystemUID: uid, nodeCount };
  } finally {
    conn.close();
  }
}

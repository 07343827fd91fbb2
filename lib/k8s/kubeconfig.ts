import { parse as parseYAML } from "yaml";
import type { ClusterCredentials } from "./connection";

// Reads a pasted or uploaded kubeconfig into credentials the console can store.
// Pure: no files, no network. Everything it cannot use here (file references,
// exec plugins, auth-provider plugins) is refused with a reason.

export class KubeconfigError extends Error {
  constructor(
    readonly field: "kubeconfig" | "context",
    message: string,
  ) {
    super(message);
  }
}

export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  server?: string;
}

interface RawKubeconfig {
  clusters?: { name?: string; cluster?: Record<string, unknown> }[];
  users?: { name?: string; user?: Record<string, unknown> }[];
  contexts?: { name?: string; context?: { cluster?: string; user?: string; namespace?: string } }[];
  "current-context"?: string;
}

const MAX_KUBECONFIG_BYTES = 256 * 1024;

function load(text: string): RawKubeconfig {
  if (!text || !text.trim()) throw new KubeconfigError("kubeconfig", "The kubeconfig is empty.");
  if (Buffer.byteLength(text) > MAX_KUBECONFIG_BYTES) {
    throw new KubeconfigError("kubeconfig", "The kubeconfig is larger than 256 KiB.");
  }
  let doc: unknown;
  try {
    doc = parseYAML(text, { maxAliasCount: 20 });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new KubeconfigError("kubeconfig", `This is not valid YAML: ${msg}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new KubeconfigError("kubeconfig", "This is not a kubeconfig (expected a YAML mapping with clusters, users and contexts).");
  }
  const k = doc as RawKubeconfig & { kind?: string };
  if (k.kind && k.kind !== "Config") throw new KubeconfigError("kubeconfig", `Expected kind Config, found ${k.kind}.`);
  if (!Array.isArray(k.clusters) || k.clusters.length === 0) {
    throw new KubeconfigError("kubeconfig", "The kubeconfig has no clusters.");
  }
  if (!Array.isArray(k.contexts) || k.contexts.length === 0) {
    throw new KubeconfigError("kubeconfig", "The kubeconfig has no contexts.");
  }
  return k;
}

/** The contexts a kubeconfig offers (for the "choose a context" step). */
export function listContexts(text: string): { contexts: KubeconfigContext[]; current?: string } {
  const k = load(text);
  const contexts = (k.contexts ?? [])
    .filter((c) => c?.name && c.context)
    .map((c) => ({
      name: String(c.name),
      cluster: String(c.context?.cluster ?? ""),
      user: String(c.context?.user ?? ""),
      namespace: c.context?.namespace,
      server: k.clusters?.find((x) => x?.name === c.context?.cluster)?.cluster?.server as string | undefined,
    }));
  if (contexts.length === 0) throw new KubeconfigError("kubeconfig", "The kubeconfig has no usable contexts (each needs a name and a context).");
  return { contexts, current: k["current-context"] };
}

function b64(field: string, v: unknown): string {
  if (v !== undefined && v !== null && typeof v !== "string") throw new KubeconfigError("kubeconfig", `${field} is not a base64 string.`);
  if (typeof v !== "string" || !v.trim()) throw new KubeconfigError("kubeconfig", `${field} is empty.`);
  const s = v.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new KubeconfigError("kubeconfig", `${field} is not base64.`);
  const out = Buffer.from(s, "base64").toString("utf8");
  if (!out.includes("-----BEGIN")) throw new KubeconfigError("kubeconfig", `${field} does not contain a PEM block.`);
  return out;
}

/** Credentials of one context; `context` defaults to the current context. */
export function credentialsFromKubeconfig(text: string, context?: string): { context: string; credentials: ClusterCredentials } {
  const k = load(text);
  const ctxName = context || k["current-context"];
  if (!ctxName) {
    throw new KubeconfigError("context", "The kubeconfig has no current-context: choose a context.");
  }
  const ctx = k.contexts?.find((c) => c?.name === ctxName);
  if (!ctx?.context) throw new KubeconfigError("context", `Context "${ctxName}" is not in the kubeconfig.`);
  const clusterName = ctx.context.cluster;
  const userName = ctx.context.user;
  const cluster = k.clusters?.find((c) => c?.name === clusterName)?.cluster;
  if (!cluster) {
    throw new KubeconfigError("kubeconfig", `Context "${ctxName}" refers to cluster "${clusterName ?? ""}", which is not defined.`);
  }
  const server = cluster.server;
  if (typeof server !== "string" || !server) {
    throw new KubeconfigError("kubeconfig", `Cluster "${clusterName}" has no server URL.`);
  }
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError("kubeconfig", `Cluster "${clusterName}" has an invalid server URL: ${server}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new KubeconfigError("kubeconfig", `The server URL must be https:// (found ${url.protocol}).`);
  }
  if (cluster["certificate-authority"]) {
    throw new KubeconfigError(
      "kubeconfig",
      "The cluster's CA is a file path (certificate-authority); the console cannot read your files. Use certificate-authority-data (kubectl config view --raw --flatten).",
    );
  }
  if (cluster["proxy-url"]) {
    throw new KubeconfigError("kubeconfig", "Clusters behind a proxy-url are not supported.");
  }
  const creds: ClusterCredentials = {
    server: server.replace(/\/+$/, ""),
    insecureSkipTLSVerify: cluster["insecure-skip-tls-verify"] === true,
    tlsServerName: typeof cluster["tls-server-name"] === "string" ? cluster["tls-server-name"] : undefined,
  };
  if (cluster["certificate-authority-data"] !== undefined) {
    creds.caData = b64("certificate-authority-data", cluster["certificate-authority-data"]);
  }
  if (!userName) {
    throw new KubeconfigError("kubeconfig", `Context "${ctxName}" has no user.`);
  }
  const user = k.users?.find((u) => u?.name === userName)?.user;
  if (!user) throw new KubeconfigError("kubeconfig", `Context "${ctxName}" refers to user "${userName}", which is not defined.`);
  if (user.exec) {
    const cmd = (user.exec as { command?: string }).command ?? "a command";
    throw new KubeconfigError(
      "kubeconfig",
      `User "${userName}" gets credentials by running ${cmd} (exec plugin), which cannot run on the console's server. Use a service account token or a client certificate.`,
    );
  }
  if (user["auth-provider"]) {
    throw new KubeconfigError("kubeconfig", `User "${userName}" uses an auth-provider plugin, which the console cannot run. Use a token or a client certificate.`);
  }
  if (user["client-certificate"] || user["client-key"] || user.tokenFile) {
    throw new KubeconfigError(
      "kubeconfig",
      `User "${userName}" refers to files on your machine; use the -data fields (kubectl config view --raw --flatten).`,
    );
  }
  if (user.username || user.password) {
    throw new KubeconfigError("kubeconfig", "Basic authentication (username/password) is not supported by Kubernetes any more.");
  }
  if (user["client-certificate-data"] !== undefined || user["client-key-data"] !== undefined) {
    creds.certData = b64("client-certificate-data", user["client-certificate-data"]);
    creds.keyData = b64("client-key-data", user["client-key-data"]);
  }
  if (typeof user.token === "string" && user.token.trim()) creds.token = user.token.trim();
  if (!creds.token && !creds.certData) {
    throw new KubeconfigError("kubeconfig", `User "${userName}" has no credentials (token or client certificate).`);
  }
  return { context: ctxName, credentials: creds };
}

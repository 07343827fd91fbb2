import "server-only";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { secretDataFor } from "@/lib/k8s/clusters";
import type { ClusterCredentials } from "@/lib/k8s/connection";
import { ProbeError, probeCluster, type CredentialField } from "@/lib/k8s/registration";
import { API_VERSION } from "./crds";
import { CLUSTER_LABEL, CREDENTIALS_LABEL, type Store } from "./store";
import type { PrometheusAuthInput } from "@/lib/validations/cluster";
import type { ClusterResource, SecretResource } from "./types";
import { objectKey } from "@/lib/k8s/types";
import { failpoint } from "@/lib/failpoints";

export class RegistrationError extends Error {
  constructor(
    readonly field: CredentialField | "name" | "kubeconfig",
    message: string,
    readonly status: 409 | 422 = 422,
  ) {
    super(message);
  }
}

export interface RegisterInput {
  name: string;
  displayName?: string;
  description?: string;
  labels?: Record<string, string>;
  prometheusURL?: string;
  gatewayURL?: string;
  prometheusAuth?: PrometheusAuthInput;
  credentials: ClusterCredentials;
  allowInsecure: boolean;
  registeredBy: string;
}

const PENDING_GRACE_MS = 60_000;

export function credentialsSecretName(cluster: string) {
  return `cluster-${cluster}-credentials`;
}

/** Credentials for the cluster's Prometheus: a Secret of its own, so changing them never touches the API connection. */
export function prometheusSecretName(cluster: string) {
  return `cluster-${cluster}-prometheus`;
}

/** Stores (or with "none" removes) the credentials the console sends to a cluster's Prometheus. */
export async function setPrometheusAuth(store: Store, cluster: string, uid: string, auth: PrometheusAuthInput) {
  const name = prometheusSecretName(cluster);
  if (auth.type === "none") {
    await k8sJSON(store.host, store.secretPath(name), { method: "DELETE" }).catch((e) => {
      if (!(e instanceof K8sError && e.code === 404)) throw e;
    });
    return;
  }
  const data = Object.fromEntries(
    Object.entries(auth.type === "bearer" ? { token: auth.token } : { username: auth.username, password: auth.password }).map(([k, v]) => [
      k,
      Buffer.from(v).toString("base64"),
    ]),
  );
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: {
      name,
      namespace: store.namespace,
      labels: { [CREDENTIALS_LABEL]: "prometheus", [CLUSTER_LABEL]: cluster },
      ownerReferences: [{ apiVersion: API_VERSION, kind: "Cluster", name: cluster, uid, blockOwnerDeletion: false }],
    },
    data,
  };
  try {
    await k8sJSON(store.host, store.secretPath(), { method: "POST", body: secret });
  } catch (e) {
    if (!(e instanceof K8sError && e.code === 409)) throw e;
    // Replace as a whole: switching bearer → basic must not leave the token behind.
    await k8sJSON(store.host, store.secretPath(name), { method: "PUT", body: secret });
  }
}

/**
 * Registers a cluster: validate everything first (nothing is written when any
 * check fails), then write in an order that leaves no half-made state behind —
 * a Pending Cluster, its Secret owned by it, then Active. A crash in between
 * leaves a Pending Cluster that {@link reapPending} removes (and the garbage
 * collector its Secret).
 */
export async function registerCluster(store: Store, input: RegisterInput): Promise<ClusterResource> {
  if (store.cluster(input.name)) {
    throw new RegistrationError("name", `A cluster named "${input.name}" is already registered.`, 409);
  }
  let probe;
  try {
    probe = await probeCluster(input.name, input.credentials, { allowInsecure: input.allowInsecure });
  } catch (e) {
    if (e instanceof ProbeError) throw new RegistrationError(e.field, e.message);
    throw e;
  }
  const dup = store.clusters.list().find((c) => c.status?.kubeSystemUID === probe.kubeSystemUID);
  if (dup) {
    throw new RegistrationError(
      "kubeconfig",
      `This is the same cluster as "${dup.metadata.name}" (kube-system namespace UID ${probe.kubeSystemUID}); it is already registered.`,
      409,
    );
  }
  const secretName = credentialsSecretName(input.name);
  const now = new Date().toISOString();
  let created: ClusterResource;
  try {
    created = await k8sJSON<ClusterResource>(store.host, store.crPath("clusters"), {
      method: "POST",
      body: {
        apiVersion: API_VERSION,
        kind: "Cluster",
        metadata: { name: input.name, namespace: store.namespace, labels: input.labels ?? {} },
        spec: {
          displayName: input.displayName || input.name,
          description: input.description,
          server: input.credentials.server,
          credentialsSecret: secretName,
          insecureSkipTLSVerify: !!input.credentials.insecureSkipTLSVerify,
          prometheusURL: input.prometheusURL || undefined,
          gatewayURL: input.gatewayURL || undefined,
        },
        status: { phase: "Pending", registeredBy: input.registeredBy, registeredAt: now },
      } satisfies ClusterResource,
    });
  } catch (e) {
    if (e instanceof K8sError && e.code === 409) {
      throw new RegistrationError("name", `A cluster named "${input.name}" is already registered.`, 409);
    }
    throw e;
  }
  try {
    await failpoint("register-cluster:after-cluster");
    const secret = await k8sJSON<SecretResource>(store.host, store.secretPath(), {
      method: "POST",
      body: {
        apiVersion: "v1",
        kind: "Secret",
        type: "Opaque",
        metadata: {
          name: secretName,
          namespace: store.namespace,
          labels: { [CREDENTIALS_LABEL]: "cluster", [CLUSTER_LABEL]: input.name },
          ownerReferences: [
            { apiVersion: API_VERSION, kind: "Cluster", name: input.name, uid: created.metadata.uid!, blockOwnerDeletion: false },
          ],
        },
        data: secretDataFor(input.credentials),
      },
    });
    if (input.prometheusAuth) await setPrometheusAuth(store, input.name, created.metadata.uid!, input.prometheusAuth);
    await failpoint("register-cluster:after-secret");
    const active = await k8sJSON<ClusterResource>(store.host, store.crPath("clusters", input.name), {
      method: "PATCH",
      contentType: "application/merge-patch+json",
      body: {
        metadata: { resourceVersion: created.metadata.resourceVersion },
        status: { phase: "Active", kubeSystemUID: probe.kubeSystemUID, version: probe.version },
      },
    });
    // The caller's next request (kubeconfig, proxy) is served from this process's cache.
    await Promise.all([
      store.clusters.waitForVersion(objectKey(active), active.metadata.resourceVersion),
      store.secrets.waitForVersion(objectKey(secret), secret.metadata.resourceVersion),
    ]);
    return active;
  } catch (e) {
    // Undo: deleting the Cluster takes its Secret with it (owner reference).
    await deleteCluster(store, input.name).catch(() => undefined);
    if (e instanceof K8sError && e.code === 409) {
      throw new RegistrationError("name", `Credentials for "${input.name}" already exist from an earlier attempt; try again in a minute.`, 409);
    }
    throw e;
  }
}

export async function deleteCluster(store: Store, name: string) {
  await k8sJSON(store.host, `${store.crPath("clusters", name)}?propagationPolicy=Background`, { method: "DELETE" });
  // The Secrets go with their owner; delete them directly too, so credentials
  // do not outlive the registration even where garbage collection is slow.
  for (const secret of [credentialsSecretName(name), prometheusSecretName(name)]) {
    await k8sJSON(store.host, store.secretPath(secret), { method: "DELETE" }).catch((e) => {
      if (!(e instanceof K8sError && e.code === 404)) throw e;
    });
  }
}

export interface ClusterPatch {
  displayName?: string;
  description?: string;
  labels?: Record<string, string>;
  prometheusURL?: string | null;
  gatewayURL?: string | null;
}

export function updateCluster(store: Store, name: string, patch: ClusterPatch) {
  const cur = store.cluster(name);
  const labels =
    patch.labels === undefined
      ? undefined
      : {
          // Replace the user labels as a whole: keys that disappeared are removed.
          ...Object.fromEntries(Object.keys(cur?.metadata.labels ?? {}).map((k) => [k, null])),
          ...patch.labels,
        };
  return k8sJSON<ClusterResource>(store.host, store.crPath("clusters", name), {
    method: "PATCH",
    contentType: "application/merge-patch+json",
    body: {
      metadata: labels ? { labels } : undefined,
      spec: {
        displayName: patch.displayName,
        description: patch.description,
        prometheusURL: patch.prometheusURL === null ? null : patch.prometheusURL,
        gatewayURL: patch.gatewayURL === null ? null : patch.gatewayURL,
      },
    },
  });
}

/**
 * Removes registrations a crashed process left Pending (their Secrets go with
 * them). `graceMs` must exceed the longest registration, which is bounded by
 * the probe's timeouts; any replica may reap.
 */
export async function reapPending(store: Store, graceMs = PENDING_GRACE_MS): Promise<string[]> {
  const reaped: string[] = [];
  for (const c of store.clusters.list()) {
    if (c.status?.phase === "Active") continue;
    const age = Date.now() - Date.parse(c.metadata.creationTimestamp ?? "");
    if (age > graceMs) {
      await deleteCluster(store, c.metadata.name!).then(
        () => reaped.push(c.metadata.name!),
        () => undefined,
      );
    }
  }
  return reaped;
}

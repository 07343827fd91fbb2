import { ApiClientError } from "@/lib/client/api";
import { kubeGet, kubeWrite } from "@/lib/client/kube";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { unchangedSince } from "./form-common";

// Writes of the route forms: a create, or a replace of the object the form
// was opened on (its resourceVersion guards against lost updates).

/** The object was edited by someone else since the form opened: saving would overwrite that. */
export class ChangedMeanwhileError extends Error {
  constructor() {
    super("changed meanwhile");
    this.name = "ChangedMeanwhileError";
  }
}

/**
 * Creates `build(undefined)`, or replaces `original` with `build(original)`.
 * A conflict caused only by the controller writing status (routes get their
 * conditions right after a change) is retried once on the current object;
 * a conflict over what the user edits is ChangedMeanwhileError.
 */
export async function saveObject<T extends KubeObject>(cluster: string, kind: KindInfo, ns: string, original: T | undefined, build: (base: T | undefined) => T): Promise<T> {
  if (!original) return kubeWrite<T>(cluster, kind.listPath(ns), { method: "POST", body: build(undefined) });
  const path = kind.objectPath(ns, original.metadata.name ?? "");
  try {
    return await kubeWrite<T>(cluster, path, { method: "PUT", body: build(original) });
  } catch (e) {
    if (!(e instanceof ApiClientError) || e.status !== 409) throw e;
    const latest = await kubeGet<T>(cluster, path);
    if (!unchangedSince(original, latest)) throw new ChangedMeanwhileError();
    return kubeWrite<T>(cluster, path, { method: "PUT", body: build(latest) });
  }
}

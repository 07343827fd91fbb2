import { YesNo } from "@/components/workloads/columns";
import type { KubeObject } from "@/lib/k8s/types";
import { lines, namesColumn } from "./columns";
import { defineKind } from "./kind";

export interface ServiceAccountObject extends KubeObject {
  secrets?: { name?: string }[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
}

const names = (refs: { name?: string }[] | undefined) => (refs ?? []).map((r) => r.name ?? "").filter(Boolean);
export const serviceAccountPullSecrets = (s: ServiceAccountObject) => names(s.imagePullSecrets);
export const serviceAccountSecrets = (s: ServiceAccountObject) => names(s.secrets);
/** Pods mount the account's token unless it (or the pod) says not to. */
export const serviceAccountAutomount = (s: ServiceAccountObject) => s.automountServiceAccountToken !== false;

export const serviceaccounts = defineKind<ServiceAccountObject>({
  slug: "serviceaccounts",
  kind: "ServiceAccount",
  group: "",
  version: "v1",
  rowId: "serviceaccount",
  columns: [
    namesColumn("imagePullSecrets", "imagePullSecrets", serviceAccountPullSecrets),
    { id: "automount", label: "automount", width: "8rem", cell: (s) => <YesNo value={serviceAccountAutomount(s)} />, sortValue: (s) => (serviceAccountAutomount(s) ? 1 : 0) },
  ],
  summary: [
    { label: "automountToken", value: (s) => <YesNo value={serviceAccountAutomount(s)} /> },
    { label: "imagePullSecrets", value: (s) => lines(serviceAccountPullSecrets(s)) },
    { label: "secrets", value: (s) => lines(serviceAccountSecrets(s)) },
  ],
  brief: (s) => serviceAccountPullSecrets(s).join(","),
});

import { YesNo } from "@/components/workloads/columns";
import { SecretDataTab, SecretYaml } from "@/components/workloads/detail-tabs";
import { type SecretObject, secretKeys, secretType } from "@/lib/k8s/kinds/secret";
import { mono, monoColumn, namesColumn } from "./columns";
import { defineKind } from "./kind";

/** Secrets by name, type and keys: lists and pages never hold their values. */
export const secrets = defineKind<SecretObject>({
  slug: "secrets",
  kind: "Secret",
  group: "",
  version: "v1",
  rowId: "secret",
  actionsWidth: "6rem",
  columns: [monoColumn("type", "type", "minmax(10rem,1.5fr)", secretType), namesColumn("keys", "keys", secretKeys)],
  rowYaml: false,
  yamlTab: SecretYaml,
  summary: [
    { label: "type", value: (s) => mono(secretType(s)) },
    { label: "keys", value: (s) => secretKeys(s).length },
    { label: "immutable", value: (s) => <YesNo value={s.immutable} /> },
  ],
  brief: (s) => String(Object.keys(s.data ?? {}).length),
  tabs: [{ key: "data", render: SecretDataTab }],
  starter: (ns) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "example", namespace: ns }, type: "Opaque", stringData: { key: "value" } }),
});

import type { ComponentType, ReactNode } from "react";
import type { Tone } from "@/components/ui/status-badge";
import type { KindCan } from "@/components/workloads/use-kind-can";
import type { Condition } from "@/lib/k8s/kinds/common";
import { type KindCoordinates, type KindInfo, kindInfo } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";

// The shape of one kind module (components/kinds/<kind>.tsx). Kept free of
// hooks and "use client": server pages read the same registry for paths.

/** Where a list is shown. */
export interface Where {
  cluster: string;
  ns: string;
}

/** A list column between the name and the age; `label` is its key in workloads.columns. */
export interface KindColumn<T> {
  id: string;
  label: string;
  width?: string;
  cell(o: T, at: Where): ReactNode;
  sortValue?(o: T): string | number;
  filterValue?(o: T): string;
}

/** A property on the object's page; `label` is its key in workloads.detail. */
export interface SummaryField<T> {
  label: string;
  value(o: T, at: { cluster: string }): ReactNode;
}

export interface ObjectProps<T> {
  cluster: string;
  obj: T;
}

export interface YamlTabProps {
  cluster: string;
  obj: KubeObject;
  allowed: boolean;
  pending: boolean;
}

/** A detail tab between the overview and the events; its label is workloads.detail.tab.<key>. */
export interface DetailTab<T> {
  key: string;
  render: ComponentType<ObjectProps<T> & { kind: KindInfo }>;
  /** What the caller must be allowed to open it (the tab is not offered otherwise), e.g. get core/pods/log. */
  requires?: { verb: string; resource: string };
}

export interface KindDefinition<T extends KubeObject> extends KindCoordinates {
  /** Rows carry data-testid "<rowId>-row-<name>". */
  rowId: string;
  /** A tab of the namespace, counted on its overview and offered by the picker (ReplicaSets are reached from their deployments). */
  inNav?: boolean;
  columns: KindColumn<T>[];
  initialSort?: { id: string; desc: boolean };
  actionsWidth?: string;
  /** Links before a row's actions, e.g. a pod's logs. */
  rowLinks?(o: T, at: Where): ReactNode;
  /** False when lists hold no values (Secrets): no YAML in rows, and `yamlTab` fetches the object on request. */
  rowYaml?: boolean;
  yamlTab?: ComponentType<YamlTabProps>;
  /** One word for how the object is doing; its colour by `tone` (default: the shared status tones). */
  status?(o: T): string;
  tone?(status: string): Tone;
  /** What the object says went wrong (a failed rollout, a quota refusal). */
  problem?(o: T): string | undefined;
  conditions?(o: T): Condition[] | undefined;
  summary: SummaryField<T>[];
  /** One short line for the cluster-wide list. */
  brief(o: T): string;
  /** What belongs to or serves the object, under its summary. */
  related?: ComponentType<ObjectProps<T>>;
  tabs?: DetailTab<T>[];
  /** Actions of the object's page beyond scale, restart and delete (roll back, suspend…). */
  actions?: ComponentType<ObjectProps<T> & { kind: KindInfo; can: KindCan }>;
  /** A form besides YAML on the list page: the keys of its button and dialog title in workloads.create. */
  createForm?: { button: string; title: string };
  /** What "create from YAML" starts from (default: apiVersion, kind and a name). */
  starter?(ns: string): Record<string, unknown>;
  /** Other objects "create from YAML" offers to start from; `key` names it in workloads.create.templates. */
  templates?: { key: string; build(ns: string): Record<string, unknown> }[];
  /** What the console still holds of a deleted object, shown on its page (a pruned run's kept logs). */
  gone?: ComponentType<{ cluster: string; ns: string; name: string }>;
}

export type KindModule = KindInfo & Omit<KindDefinition<KubeObject>, keyof KindCoordinates> & { inNav: boolean; rowYaml: boolean };

// Every defined kind by slug, for the views kind modules themselves use (a
// deployment's ReplicaSets, a pod's owner): they cannot import the registry,
// which imports the kind modules, without a cycle.
const DEFINED = new Map<string, KindModule>();

/** A kind module from its definition. The registry holds kinds of every object type, so the type parameter ends here. */
export function defineKind<T extends KubeObject>(def: KindDefinition<T>): KindModule {
  const k = { ...def, ...kindInfo(def), inNav: def.inNav ?? true, rowYaml: def.rowYaml ?? true } as unknown as KindModule;
  DEFINED.set(k.slug, k);
  return k;
}

/** A defined kind by slug or by Kind, at render time (see DEFINED); elsewhere use the registry. */
export function definedKind(slug: string): KindModule {
  const k = DEFINED.get(slug);
  if (!k) throw new Error(`kind ${slug} is not defined`);
  return k;
}

export function definedKindByName(kind: string): KindModule | undefined {
  return [...DEFINED.values()].find((k) => k.kind === kind);
}

/** The YAML "create from YAML" starts with. */
export function starterObject(k: KindModule, ns: string): Record<string, unknown> {
  return k.starter?.(ns) ?? { apiVersion: k.apiVersion, kind: k.kind, metadata: { name: "example", namespace: ns } };
}

import type { Principal } from "@/lib/auth/principal";
import type { KubeObject, Status } from "@/lib/k8s/types";
import type { CheckedWriteResult } from "./checked-write";
import type { ResourceAttributes } from "./request-info";

// How features plug into the proxy without the proxy knowing them: the
// runtime hands it judges of writes (e.g. tenancy's budget).

/** A write on its way to a cluster, authorized already. */
export interface JudgedCall {
  cluster: string;
  attrs: ResourceAttributes;
  principal: Principal;
}

/** Looks at an object as it was and as the write would leave it: a Status refuses the write. */
export type Verdict = (before: KubeObject | undefined, after: KubeObject) => Status | undefined;

/**
 * Judges writes by their outcome (see checked-write.ts): the proxy reads the
 * body, asks the cluster for a dry run and writes only what the verdict allows.
 */
export interface WriteJudge {
  /** Is this write one to judge? Asked on every authorized write: cheap and synchronous. */
  wants(call: JudgedCall): boolean;
  /** A refusal before the body is read, e.g. deleting what must exist. */
  refuseOutright?(call: JudgedCall): Status | undefined;
  /**
   * Makes the write with `write(verdict)`, around it whatever the judge needs
   * (a lock); failures the judge knows come back as `refused`.
   */
  run(call: JudgedCall, write: (verdict: Verdict) => Promise<CheckedWriteResult>): Promise<CheckedWriteResult>;
}

export interface ProxyHooks {
  writeJudges: readonly WriteJudge[];
}

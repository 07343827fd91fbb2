"use client";

import dynamic from "next/dynamic";
import { Loading } from "@/components/ui/loading";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import type { LogKind } from "@/lib/validations/logs";
import type { Workload } from "./workload-logs";

// The Logs tab of workloads (deployments, statefulsets, daemonsets, jobs): its
// code loads when the tab is first shown.

const WorkloadLogs = dynamic(() => import("./workload-logs").then((m) => m.WorkloadLogs), { loading: Loading });

export function WorkloadLogsTab({ cluster, obj, kind }: { cluster: string; obj: Workload; kind: KindInfo }) {
  return <WorkloadLogs cluster={cluster} kind={kind.plural as LogKind} workload={obj} />;
}


"use client";

import dynamic from "next/dynamic";
import { Loading } from "@/components/ui/loading";
import type { Workload } from "./workload-logs";

// The Logs tab of workloads (deployments, statefulsets, daemonsets, jobs): its
// code loads when the tab is first shown.

const WorkloadLogs = dynamic(() => import("./workload-logs").then((m) => m.WorkloadLogs), { loading: Loading });

export function WorkloadLogsTab({ cluster, obj }: { cluster: string; obj: Workload }) {
  return <WorkloadLogs cluster={cluster} workload={obj} />;
}


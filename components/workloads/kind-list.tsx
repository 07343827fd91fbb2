"use client";

import { useTranslations } from "next-intl";
import { KINDS, type KindSlug } from "@/lib/k8s/kinds/registry";
import { ConfigMapsTable } from "./configmaps-table";
import { CreateActions } from "./create-actions";
import { CronJobsTable } from "./cronjobs-table";
import { DaemonSetsTable } from "./daemonsets-table";
import { DeploymentsTable } from "./deployments-table";
import { JobsTable } from "./jobs-table";
import { PodsTable } from "./pods-table";
import { PvcsTable } from "./pvcs-table";
import { ReplicaSetsTable } from "./replicasets-table";
import { SecretsTable } from "./secrets-table";
import { ServicesTable } from "./services-table";
import { StatefulSetsTable } from "./statefulsets-table";

const TABLES: Record<KindSlug, (p: { cluster: string; ns: string; toolbar?: React.ReactNode }) => React.ReactNode> = {
  deployments: DeploymentsTable,
  statefulsets: StatefulSetsTable,
  daemonsets: DaemonSetsTable,
  jobs: JobsTable,
  cronjobs: CronJobsTable,
  pods: PodsTable,
  services: ServicesTable,
  configmaps: ConfigMapsTable,
  secrets: SecretsTable,
  persistentvolumeclaims: PvcsTable,
  replicasets: ReplicaSetsTable,
};

/** The live list of one kind in a namespace, with its create actions. */
export function KindList({ cluster, ns, kind }: { cluster: string; ns: string; kind: KindSlug }) {
  const tk = useTranslations("workloads.kinds");
  const info = KINDS[kind];
  const Table = TABLES[info.columns];
  return (
    <section aria-labelledby="kind-list-title" className="space-y-3">
      <h2 id="kind-list-title" className="text-lg font-semibold">
        {tk(kind)}
      </h2>
      <Table cluster={cluster} ns={ns} toolbar={<CreateActions cluster={cluster} ns={ns} info={info} />} />
    </section>
  );
}

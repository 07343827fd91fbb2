import "server-only";
import { pipelines } from "@/components/kinds/pipeline";
import { pipelineruns } from "@/components/kinds/pipelinerun";
import type { FleetPlan } from "@/components/fleet/use-fleet-lists";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/runtime";
import { planFleetLists } from "@/lib/tenancy/fleet-lists";

/** The Pipeline and PipelineRun lists the caller may read, on the clusters that serve Tekton. */
export function planPipelines(rt: Runtime, p: Principal): Promise<FleetPlan> {
  return planFleetLists(rt, p, [{ kind: pipelines }, { kind: pipelineruns }]);
}

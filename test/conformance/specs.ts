// Which of Kubernetes' [sig-api-machinery] and [sig-cli] [Conformance] specs run
// in `make test`, and why the others do not. Every spec of the two groups is in
// exactly one place: run, or listed here once with its reason.

export const CONFORMANCE_FOCUS = String.raw`\[sig-(api-machinery|cli)\].*\[Conformance\]`;

export interface Exclusion {
  /** Matched against the spec's full name. */
  match: RegExp;
  reason: string;
}

// kwok nodes run no processes: a pod is Running and Ready without serving
// anything, and the fleet never routes to pod IPs from the host (they are
// private addresses). Specs whose server side must really run cannot pass.
const NO_PROCESSES = "kwok pods run no processes";

/** Cannot pass on this fleet, directly or through the console. */
export const CANNOT_PASS_HERE: Exclusion[] = [
  {
    match: /^\[sig-api-machinery\] AdmissionWebhook /,
    reason: `${NO_PROCESSES}: the sample webhook server must answer the apiserver; a failed spec also leaves webhook configurations that block deletions in its namespace`,
  },
  { match: /^\[sig-api-machinery\] CustomResourceConversionWebhook /, reason: `${NO_PROCESSES}: the conversion webhook server must answer the apiserver` },
  { match: /^\[sig-api-machinery\] Aggregator /, reason: `${NO_PROCESSES}: the sample API server behind the APIService must answer` },
  {
    match: /^\[sig-api-machinery\] CustomResourceFieldSelectors /,
    reason: `${NO_PROCESSES}: the spec's CRD converts between versions through a conversion webhook server`,
  },
  { match: /^\[sig-cli\] Kubectl client Guestbook application /, reason: `${NO_PROCESSES}: the guestbook frontend must serve content` },
  { match: /^\[sig-cli\] Kubectl client Update Demo /, reason: `${NO_PROCESSES}: the spec reads the data each update-demo container serves` },
  {
    match: /^\[sig-cli\] Kubectl logs logs should be able to retrieve and filter logs /,
    reason: "the spec looks for the lines its own container prints; kwok serves the fleet's generated log for every container",
  },
];

/** Pass here but take long; only `make conformance-full` runs them. */
export const LONG_ONLY: Exclusion[] = [
  {
    match: /^\[sig-api-machinery\] Servers with support for API chunking should support continue listing from the last key if the original version has been compacted away/,
    reason: "waits for etcd to compact the list's revision (about 9 minutes here)",
  },
  {
    match: /^\[sig-cli\] Kubectl client Kubectl expose should create services for rc /,
    reason: "waits 5 minutes for agnhost's 'Listening' log line, which a kwok container never writes, before it goes on",
  },
];

export function excludedBy(name: string, list: Exclusion[]): Exclusion | undefined {
  return list.find((e) => e.match.test(name));
}

const CLUSTER_SCOPED_REASON = "makes or changes cluster-scoped objects (CRDs, namespaces, admission policies, flow schemas), which a project developer may not";

/** Not in the project developer's run: specs that are not namespaced (issue 15 asks for the namespaced ones). */
export const CLUSTER_SCOPED: Exclusion[] = [
  /^\[sig-api-machinery\] API priority and fairness /,
  /^\[sig-api-machinery\] AggregatedDiscovery .*for CRDs/,
  /^\[sig-api-machinery\] CustomResource(Definition|PublishOpenAPI)/,
  /^\[sig-api-machinery\] FieldValidation .*\bCRs?\b/,
  /^\[sig-api-machinery\] (Mutating|Validating)AdmissionPolicy /,
  /^\[sig-api-machinery\] Namespaces /,
  /^\[sig-api-machinery\] OrderedNamespaceDeletion /,
  /^\[sig-api-machinery\] StorageVersionMigration /,
].map((match) => ({ match, reason: CLUSTER_SCOPED_REASON }));

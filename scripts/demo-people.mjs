// The demo's people and their tenancy, over the seeded namespaces (acme-* on
// member-1, globex-* and acme-test/prod on member-2): `make demo` makes them, and the e2e crawl
// walks the console as each of them. `call(method, path, body)` is an admin's
// API call answering a Response; a 409 (already made) is fine.
export const DEMO_PASSWORD = "demo-password";

export const DEMO_USERS = [
  { username: "alice", displayName: "Alice (ACME manager)" },
  { username: "bob", displayName: "Bob (Globex manager)" },
  { username: "carol", displayName: "Carol (developer)" },
  { username: "dave", displayName: "Dave (viewer)", groups: ["auditors"] },
];

/** checkout's way to production: built in ACME Payments on member-1, tested and run on member-2; prod asks for approval. */
export const CHECKOUT_LANE = {
  name: "checkout",
  tenant: "acme",
  displayName: "Checkout",
  description: "The checkout service, from the build in ACME Payments to production.",
  stages: [
    { name: "dev", cluster: "member-1", namespace: "acme-payments", workload: "checkout" },
    { name: "test", cluster: "member-2", namespace: "acme-test", workload: "checkout" },
    { name: "prod", cluster: "member-2", namespace: "acme-prod", workload: "checkout", requireApproval: true },
  ],
};

export async function seedDemoPeople(call) {
  for (const u of DEMO_USERS) await call("POST", "/api/users", { groups: [], ...u, password: DEMO_PASSWORD });
  const acmeClusters = ["host", "member-1", "member-2"];
  await call("POST", "/api/tenants", { name: "acme", displayName: "ACME Corp", clusters: acmeClusters, managers: ["alice"], acknowledgeHostCluster: true });
  // A demo made before ACME used member-2 (its test and prod stages).
  await call("PATCH", "/api/tenants/acme", { clusters: acmeClusters, acknowledgeHostCluster: true });
  await call("POST", "/api/tenants", { name: "globex", displayName: "Globex", clusters: ["host", "member-2"], managers: ["bob"], acknowledgeHostCluster: true });
  await call("POST", "/api/tenants", { name: "initech", displayName: "Initech", clusters: ["member-2"], managers: [] });
  await call("POST", "/api/rolebindings", { subject: { kind: "User", name: "carol" }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: "acme-payments" } });
  for (const namespace of ["acme-test", "acme-prod"]) {
    await call("POST", "/api/rolebindings", { subject: { kind: "User", name: "carol" }, role: "project-developer", scope: { type: "project", cluster: "member-2", namespace } });
  }
  await call("POST", "/api/lanes", CHECKOUT_LANE);
  await call("POST", "/api/rolebindings", { subject: { kind: "Group", name: "auditors" }, role: "tenant-viewer", scope: { type: "tenant", tenant: "globex" } });
}

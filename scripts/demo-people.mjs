// The demo's people and their tenancy, over the seeded namespaces (acme-* on
// member-1, globex-* on member-2): `make demo` makes them, and the e2e crawl
// walks the console as each of them. `call(method, path, body)` is an admin's
// API call answering a Response; a 409 (already made) is fine.
export const DEMO_PASSWORD = "demo-password";

export const DEMO_USERS = [
  { username: "alice", displayName: "Alice (ACME manager)" },
  { username: "bob", displayName: "Bob (Globex manager)" },
  { username: "carol", displayName: "Carol (developer)" },
  { username: "dave", displayName: "Dave (viewer)", groups: ["auditors"] },
];

export async function seedDemoPeople(call) {
  for (const u of DEMO_USERS) await call("POST", "/api/users", { groups: [], ...u, password: DEMO_PASSWORD });
  await call("POST", "/api/tenants", { name: "acme", displayName: "ACME Corp", clusters: ["host", "member-1"], managers: ["alice"], acknowledgeHostCluster: true });
  await call("POST", "/api/tenants", { name: "globex", displayName: "Globex", clusters: ["host", "member-2"], managers: ["bob"], acknowledgeHostCluster: true });
  await call("POST", "/api/tenants", { name: "initech", displayName: "Initech", clusters: ["member-2"], managers: [] });
  await call("POST", "/api/rolebindings", { subject: { kind: "User", name: "carol" }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: "acme-payments" } });
  await call("POST", "/api/rolebindings", { subject: { kind: "Group", name: "auditors" }, role: "tenant-viewer", scope: { type: "tenant", tenant: "globex" } });
}

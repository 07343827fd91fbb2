import { execFileSync } from "node:child_process";

// Integration tests run against the real local fleet with its demo content;
// `make fleet-seed` is idempotent and returns once every cluster is ready and
// the seeded deployments are available.
export default function setup() {
  if (process.env.PILOTHOUSE_SKIP_FLEET_UP === "1") return;
  execFileSync("make", ["--no-print-directory", "fleet-seed"], { stdio: "inherit" });
}

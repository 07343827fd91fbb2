import { execFileSync } from "node:child_process";

// Integration tests run against the real local fleet; `make fleet` is
// idempotent and returns once every cluster is ready.
export default function setup() {
  if (process.env.PILOTHOUSE_SKIP_FLEET_UP === "1") return;
  execFileSync("make", ["--no-print-directory", "fleet"], { stdio: "inherit" });
}

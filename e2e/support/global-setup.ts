import { execFileSync } from "node:child_process";

// The fleet must be up with its demo content (make e2e does this; this keeps `npx playwright test` honest too).
export default function globalSetup() {
  execFileSync("make", ["--no-print-directory", "fleet-seed"], { stdio: "inherit" });
}

#!/usr/bin/env node
// `make demo`: the fleet and its demo data are up; start the console in the
// foreground and say how to reach it.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string", default: "3000" } } });
const port = values.port;

const child = spawn("npx", ["next", "start", "-p", port], { stdio: ["ignore", "pipe", "inherit"] });
let announced = false;
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server|Local:/i.test(String(chunk))) {
    announced = true;
    console.log(`
  Pilothouse is running:  http://localhost:${port}
  Local fleet:            KUBECONFIG=.fleet/kubeconfig .fleet/bin/kubectl get nodes --context member-1
  Stop:                   Ctrl-C here, then \`make fleet-down\`
`);
  }
});
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));

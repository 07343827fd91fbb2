import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fleetDir } from "../support/fleet";

// Runs Kubernetes' e2e specs (.fleet/bin/e2e.test, built by `make conformance-build`)
// with the ginkgo CLI of the same version, and reads its JSON report.

export const bin = (name: string) => path.join(fleetDir, "bin", name);

export type SpecState = "passed" | "failed" | "skipped" | "pending" | "panicked" | "interrupted" | "aborted" | "timedout";

export interface SpecResult {
  name: string;
  state: SpecState;
  seconds: number;
  /** First line of the failure, for tables. */
  failure?: string;
  location?: string;
}

interface GinkgoSpecReport {
  LeafNodeType: string;
  ContainerHierarchyTexts: string[] | null;
  LeafNodeText: string;
  State: SpecState;
  RunTime: number;
  Failure?: { Message?: string; Location?: { FileName?: string; LineNumber?: number } };
}

/** A spec's name as ginkgo prints it and matches --focus/--skip against (labels are part of the text in this suite). */
export function specName(r: Pick<GinkgoSpecReport, "ContainerHierarchyTexts" | "LeafNodeText">): string {
  return [...(r.ContainerHierarchyTexts ?? []), r.LeafNodeText].join(" ");
}

export function readReport(file: string): Map<string, SpecResult> {
  const suites = JSON.parse(readFileSync(file, "utf8")) as { SpecReports: GinkgoSpecReport[] | null }[];
  const out = new Map<string, SpecResult>();
  for (const s of suites.flatMap((x) => x.SpecReports ?? [])) {
    if (s.LeafNodeType !== "It") continue;
    const msg = s.Failure?.Message?.trim();
    out.set(specName(s), {
      name: specName(s),
      state: s.State,
      seconds: Math.round(s.RunTime / 1e7) / 100,
      ...(msg ? { failure: msg.split("\n")[0].slice(0, 300) } : {}),
      ...(s.Failure?.Location?.FileName ? { location: `${path.basename(s.Failure.Location.FileName)}:${s.Failure.Location.LineNumber}` } : {}),
    });
  }
  return out;
}

const quote = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");

/** The suite names RunSpecs is given; ginkgo matches --focus against "<suite> <spec>". */
export const SUITE = { e2e: "Kubernetes e2e suite", project: "Kubernetes conformance specs in a console project" } as const;

/** Go regexp matching exactly these spec names of the suite. */
export function exactly(suite: string, names: string[]): string {
  return `^${quote(suite)} (${names.map(quote).join("|")})$`;
}

export interface RunOptions {
  /** Directory for the report and the run's log. */
  dir: string;
  /** Default: e2e.test. */
  binary?: { path: string; suite: string };
  kubeconfig: string;
  context: string;
  /** Exact spec names to run. */
  specs: string[];
  procs: number;
  timeoutMinutes: number;
  extraArgs?: string[];
  env?: Record<string, string>;
}

/**
 * Runs the given specs and answers their results. Specs ginkgo never reached
 * (a run cut short) come back as "interrupted", never silently missing.
 */
export async function runSpecs(o: RunOptions): Promise<{ results: Map<string, SpecResult>; log: string; seconds: number }> {
  mkdirSync(o.dir, { recursive: true });
  // ginkgo writes its report under --output-dir, whatever the path given.
  const report = path.join(o.dir, "report.json");
  writeFileSync(report, "[]");
  const t0 = Date.now();
  const argv = [
    `--procs=${o.procs}`,
    "--no-color",
    "--silence-skips",
    `--timeout=${o.timeoutMinutes}m`,
    "--json-report=report.json",
    `--output-dir=${o.dir}`,
    o.binary?.path ?? bin("e2e.test"),
    "--",
    `--ginkgo.focus=${exactly(o.binary?.suite ?? SUITE.e2e, o.specs)}`,
    `--kubeconfig=${o.kubeconfig}`,
    `--context=${o.context}`,
    `--kubectl-path=${bin("kubectl")}`,
    "--provider=skeleton",
    // The fleet taints its benchmark node; specs must not count it as a node they can use.
    "--non-blocking-taints=node-role.kubernetes.io/control-plane,pilothouse.dev/bench",
    `--report-dir=${o.dir}`,
    `--e2e-output-dir=${o.dir}`,
    ...(o.extraArgs ?? []),
  ];
  const log = path.join(o.dir, "ginkgo.log");
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin("ginkgo"), argv, { cwd: o.dir, env: { ...process.env, ...o.env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stderr.on("data", (d: Buffer) => chunks.push(d));
    child.on("error", reject);
    // ginkgo exits non-zero when any spec fails; the report says which.
    child.on("close", () => resolve());
  });
  writeFileSync(log, Buffer.concat(chunks));
  const results = readReport(report);
  for (const name of o.specs) {
    if (!results.has(name)) results.set(name, { name, state: "interrupted", seconds: 0, failure: "not run (the run ended first)" });
  }
  return { results, log, seconds: Math.round((Date.now() - t0) / 1000) };
}

/** Every spec of the suite matching focus, without running anything (ginkgo's dry run takes a second). */
export async function listSpecs(dir: string, focus: string, binary = bin("e2e.test")): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const report = path.join(dir, "dry-run.json");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, ["--ginkgo.dry-run", `--ginkgo.focus=${focus}`, "--ginkgo.no-color", `--ginkgo.json-report=${report}`], {
      cwd: dir,
      stdio: "ignore",
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${binary} --ginkgo.dry-run exited with ${code}`))));
  });
  return [...readReport(report).values()].filter((r) => r.state === "passed").map((r) => r.name).sort();
}

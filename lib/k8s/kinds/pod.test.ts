import { describe, expect, it } from "vitest";
import {
  type ContainerStatus,
  type PodObject,
  defaultLogContainer,
  logFileName,
  podClaims,
  podContainers,
  podLogPath,
  podReadyText,
  podRestarts,
  podStatusReason,
  podStatusTone,
} from "./pod";

const running = (name: string, restarts = 0, ready = true): ContainerStatus => ({ name, ready, restartCount: restarts, state: { running: { startedAt: "2025-01-01T00:00:00Z" } } });

const pod = (over: Partial<PodObject> = {}, statuses: ContainerStatus[] = [running("app")]): PodObject => ({
  metadata: { name: "web-0", namespace: "shop" },
  spec: { containers: statuses.map((s) => ({ name: s.name, image: "nginx" })), nodeName: "node-a" },
  status: { phase: "Running", podIP: "10.0.0.5", containerStatuses: statuses, conditions: [{ type: "Ready", status: "True" }] },
  ...over,
});

describe("pod paths", () => {
  it("builds collection and log paths", () => {
    expect(podLogPath("shop", "web-0", { container: "app", follow: true, tailLines: 500 })).toBe(
      "/api/v1/namespaces/shop/pods/web-0/log?container=app&follow=true&tailLines=500",
    );
    expect(podLogPath("shop", "web-0", { container: "app", previous: true, timestamps: true, follow: false })).toBe(
      "/api/v1/namespaces/shop/pods/web-0/log?container=app&previous=true&timestamps=true",
    );
    expect(logFileName("web-0", "app")).toBe("web-0-app.log");
  });
});

describe("pod status", () => {
  it("counts ready containers and restarts", () => {
    const p = pod({}, [running("a", 2), running("b", 1, false)]);
    expect(podReadyText(p)).toBe("1/2");
    expect(podRestarts(p)).toBe(3);
  });

  it("is Running when all is well", () => {
    expect(podStatusReason(pod())).toBe("Running");
    expect(podStatusTone("Running")).toBe("green");
  });

  it("shows CrashLoopBackOff and image pull errors", () => {
    const crash = pod({}, [{ name: "app", ready: false, restartCount: 5, state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 5m0s" } } }]);
    expect(podStatusReason(crash)).toBe("CrashLoopBackOff");
    expect(podStatusTone("CrashLoopBackOff")).toBe("red");
    const pull = pod({ status: { phase: "Pending", containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "ImagePullBackOff" } } }] } });
    expect(podStatusReason(pull)).toBe("ImagePullBackOff");
  });

  it("shows terminations: OOMKilled, Completed, exit codes, signals", () => {
    const t = (terminated: NonNullable<ContainerStatus["state"]>["terminated"]) => pod({ status: { phase: "Running", containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { terminated } }] } });
    expect(podStatusReason(t({ exitCode: 137, reason: "OOMKilled" }))).toBe("OOMKilled");
    expect(podStatusReason(t({ exitCode: 0, reason: "Completed" }))).toBe("Completed");
    expect(podStatusReason(t({ exitCode: 2 }))).toBe("ExitCode:2");
    expect(podStatusReason(t({ exitCode: 143, signal: 15 }))).toBe("Signal:15");
    expect(podStatusTone("Completed")).toBe("slate");
  });

  it("is Running (or NotReady) when a sidecar completed but another container runs", () => {
    const mixed = (ready: "True" | "False") =>
      pod({ status: { phase: "Running", conditions: [{ type: "Ready", status: ready }], containerStatuses: [running("a"), { name: "b", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }] } });
    expect(podStatusReason(mixed("True"))).toBe("Running");
    expect(podStatusReason(mixed("False"))).toBe("NotReady");
  });

  it("shows init container progress and failures", () => {
    const base: PodObject = {
      metadata: { name: "p" },
      spec: { initContainers: [{ name: "i1" }, { name: "i2" }], containers: [{ name: "app" }] },
      status: { phase: "Pending" },
    };
    const withInit = (inits: ContainerStatus[]) => ({ ...base, status: { ...base.status, initContainerStatuses: inits } });
    const done: ContainerStatus = { name: "i1", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } };
    expect(podStatusReason(withInit([done, { name: "i2", ready: false, restartCount: 0, state: { running: {} } }]))).toBe("Init:1/2");
    expect(podStatusReason(withInit([done, { name: "i2", ready: false, restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } } }]))).toBe("Init:CrashLoopBackOff");
    expect(podStatusReason(withInit([{ name: "i1", ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: "Error" } } }]))).toBe("Init:Error");
    expect(podStatusReason(withInit([{ name: "i1", ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }]))).toBe("Init:ExitCode:3");
    expect(podStatusReason(withInit([{ name: "i1", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }]))).toBe("Init:0/2");
  });

  it("does not count a started sidecar init container as initializing", () => {
    const p: PodObject = {
      metadata: { name: "p" },
      spec: { initContainers: [{ name: "proxy", restartPolicy: "Always" }], containers: [{ name: "app" }] },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True" }],
        initContainerStatuses: [{ name: "proxy", ready: true, started: true, restartCount: 1, state: { running: {} } }],
        containerStatuses: [running("app")],
      },
    };
    expect(podStatusReason(p)).toBe("Running");
    expect(podRestarts(p)).toBe(1);
  });

  it("shows Terminating, Evicted and pod-level reasons", () => {
    expect(podStatusReason(pod({ metadata: { name: "x", deletionTimestamp: "2025-01-01T00:00:00Z" } }))).toBe("Terminating");
    expect(podStatusReason({ metadata: { name: "x" }, status: { phase: "Failed", reason: "Evicted" } })).toBe("Evicted");
    expect(podStatusReason({ metadata: { name: "x" } })).toBe("Unknown");
    expect(podStatusTone("Evicted")).toBe("red");
    expect(podStatusTone("Pending")).toBe("amber");
    expect(podStatusTone("ContainerCreating")).toBe("amber");
  });
});

describe("pod containers", () => {
  it("lists containers with state, init containers first", () => {
    const p: PodObject = {
      metadata: { name: "p", annotations: { "kubectl.kubernetes.io/default-container": "app" } },
      spec: { initContainers: [{ name: "init", image: "busybox" }], containers: [{ name: "sidecar", image: "envoy" }, { name: "app", image: "nginx" }] },
      status: {
        initContainerStatuses: [{ name: "init", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }],
        containerStatuses: [
          { name: "app", ready: false, restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff", message: "back-off" } }, lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: "t" } } },
        ],
      },
    };
    const cs = podContainers(p);
    expect(cs.map((c) => [c.name, c.init, c.state, c.reason])).toEqual([
      ["init", true, "terminated", "Completed"],
      ["sidecar", false, "unknown", undefined],
      ["app", false, "waiting", "CrashLoopBackOff"],
    ]);
    expect(cs[2].restarts).toBe(4);
    expect(cs[2].lastTerminated).toEqual({ reason: "Error", exitCode: 1, finishedAt: "t", message: undefined });
    expect(defaultLogContainer(p)).toBe("app");
    expect(defaultLogContainer({ ...p, metadata: { name: "p" } })).toBe("sidecar");
    expect(defaultLogContainer({ metadata: { name: "p" } })).toBe("");
  });

  it("lists claims it mounts", () => {
    expect(podClaims({ metadata: {}, spec: { containers: [], volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }, { name: "c", configMap: { name: "x" } }] } })).toEqual(["data"]);
  });
});

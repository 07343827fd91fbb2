import { type Page, expect, test } from "@playwright/test";
import { adminApi, createUsers, kubectl, openProject, removeTestData, runId, signInLocal, tenantWithProject } from "./support/helpers";

// A developer opens a shell in a pod from the project's pod list, runs a
// command and sees its output, resizes the window and the shell sees the new
// size, and reconnects after leaving. A viewer of the same project has no
// Terminal tab. (In the fleet, kwok runs exec on this machine under a pty.)

test.describe.configure({ mode: "serial" });

const run = runId();
const tenant = `te-${run}`;
const project = `${tenant}-app`;
const developer = `term-${run}`;
const viewer = `tview-${run}`;
const password = "e2e-user-password";

test.beforeAll(async ({ browser }) => {
  const { page, req, headers } = await adminApi(browser);
  await tenantWithProject(req, headers, { tenant, project });
  await createUsers(req, headers, [developer, viewer], password);
  for (const [user, role] of [
    [developer, "project-developer"],
    [viewer, "project-viewer"],
  ]) {
    const b = await req.post("/api/rolebindings", { headers, data: { subject: { kind: "User", name: user }, role, scope: { type: "project", cluster: "member-1", namespace: project } } });
    expect(b.status(), await b.text()).toBe(201);
  }
  await page.close();
  kubectl(
    "member-1",
    ["apply", "-f", "-"],
    JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "shell", namespace: project },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
          { name: "app", image: "busybox:1.36", resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } }, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } },
          { name: "sidecar", image: "busybox:1.36", resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } }, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } },
        ],
      },
    }),
  );
  await expect.poll(() => kubectl("member-1", ["get", "pod", "shell", "-n", project, "-o", "jsonpath={.status.phase}"]), { timeout: 30_000 }).toBe("Running");
});

test.afterAll(async ({ browser }) => {
  await removeTestData(browser, { tenant, project, users: [developer, viewer] });
});

/** From the project list to its pods on member-1, and the pod. */
async function openPod(page: Page) {
  await openProject(page, project);
  await page.getByRole("link", { name: "Workloads on member-1" }).click();
  await page.getByRole("navigation", { name: "Workload kinds" }).getByRole("link", { name: "Pods" }).click();
  await page.getByRole("link", { name: "shell", exact: true }).click();
}

/** The terminal's visible text (xterm's DOM renderer draws one div per row). */
const screenText = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();

test("a developer opens a shell in a pod, runs a command, resizes it and reconnects", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await signInLocal(page, developer, password);
  await openPod(page);
  await page.getByRole("tab", { name: "Terminal" }).click();

  const term = page.getByTestId("pod-terminal");
  await expect(term).toHaveAttribute("data-state", "open", { timeout: 15_000 });
  await expect(page.getByTestId("terminal-status")).toContainText("v5.channel.k8s.io");
  await page.getByTestId("terminal-screen").click();
  await page.keyboard.type(`echo hello-${run}`);
  await page.keyboard.press("Enter");
  await expect.poll(() => screenText(page), { timeout: 10_000 }).toMatch(new RegExp(`^hello-${run}$`, "m"));

  // The pty has the terminal's size, and follows it when the window shrinks.
  const size = async () => {
    await page.keyboard.type("stty size");
    await page.keyboard.press("Enter");
    let last = "";
    await expect
      .poll(
        async () => {
          const rows = (await screenText(page)).split("\n").flatMap((l) => (/^\s*(\d+) (\d+)\s*$/.exec(l) ? [l.trim()] : []));
          last = rows.at(-1) ?? "";
          return last;
        },
        { timeout: 10_000 },
      )
      .not.toBe("");
    return last.split(" ").map(Number) as [number, number];
  };
  const [rows1, cols1] = await size();
  expect(cols1).toBeGreaterThan(80);
  await page.keyboard.type("clear");
  await page.keyboard.press("Enter");
  await page.setViewportSize({ width: 900, height: 700 });
  await expect.poll(async () => (await size())[1], { timeout: 10_000 }).toBeLessThan(cols1);
  const [rows2] = await size();
  expect(rows2).toBeLessThan(rows1);
  await page.screenshot({ path: test.info().outputPath("terminal.png") });

  // Leaving the shell ends the session with its status; Enter opens a new one in the other container.
  await page.keyboard.type("exit 3");
  await page.keyboard.press("Enter");
  await expect(term).toHaveAttribute("data-state", "ended", { timeout: 10_000 });
  await expect(page.getByTestId("terminal-status")).toContainText("exit code 3");
  await term.getByLabel("Container").selectOption("sidecar");
  await term.getByRole("button", { name: "Reconnect" }).click();
  await expect(term).toHaveAttribute("data-state", "open", { timeout: 15_000 });
  await page.getByTestId("terminal-screen").click();
  await page.keyboard.type(`echo again-${run}`);
  await page.keyboard.press("Enter");
  await expect.poll(() => screenText(page), { timeout: 10_000 }).toMatch(new RegExp(`^again-${run}$`, "m"));

  // Attach joins the container's main process instead (kwok's stands in with the fleet's shared log).
  await term.getByLabel("Session").selectOption("attach");
  await expect(term.getByLabel("Shell")).toHaveCount(0);
  await term.getByRole("button", { name: "Restart session" }).click();
  await expect(term).toHaveAttribute("data-state", "open", { timeout: 15_000 });
  await expect.poll(() => screenText(page), { timeout: 15_000 }).toContain("HTTP/1.1");
  await term.getByRole("button", { name: "Disconnect" }).click();
  await expect(term).not.toHaveAttribute("data-state", "open");

  // A server or client that speaks only v4 gets the same stream (v4 has no close channel; the rest is equal).
  const v4 = await page.evaluate(
    (url) =>
      new Promise<{ protocol: string; out: string }>((resolve) => {
        const ws = new WebSocket(url, ["v4.channel.k8s.io"]);
        ws.binaryType = "arraybuffer";
        let out = "";
        ws.onmessage = (e) => {
          const b = new Uint8Array(e.data as ArrayBuffer);
          if (b[0] === 1) out += new TextDecoder().decode(b.subarray(1));
        };
        ws.onclose = () => resolve({ protocol: ws.protocol, out });
      }),
    `${new URL(page.url()).origin.replace("http", "ws")}/clusters/member-1/api/v1/namespaces/${project}/pods/shell/exec?container=app&command=echo&command=v4-${run}&stdout=true`,
  );
  expect(v4).toEqual({ protocol: "v4.channel.k8s.io", out: `v4-${run}\n` });

  // The proxy audited the three sessions with the container each ran in (the browser tests' console keeps the trail).
  const started = async () => {
    const audit = await page.request.get(`/api/audit?user=${developer}&resource=pods/exec&limit=20`);
    expect(audit.status()).toBe(200);
    const items = ((await audit.json()) as { items: { event: string; via?: string; details?: { container?: string } }[] }).items;
    return items.filter((i) => i.event === "session.start" && i.via === "session").map((i) => i.details?.container ?? "").sort();
  };
  await expect.poll(started, { timeout: 10_000 }).toEqual(["app", "app", "sidecar"]);
});

test("a viewer of the project has no terminal", async ({ page }) => {
  await signInLocal(page, viewer, password);
  await openPod(page);
  await expect(page.getByRole("tab", { name: "Logs" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Terminal" })).toHaveCount(0);
  // Nor may they open one by hand: the proxy refuses the upgrade before it reaches the cluster.
  const refused = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, ["v5.channel.k8s.io"]);
        ws.onopen = () => resolve("open");
        ws.onclose = () => resolve("closed");
      }),
    `${new URL(page.url()).origin.replace("http", "ws")}/clusters/member-1/api/v1/namespaces/${project}/pods/shell/exec?command=sh&stdin=true&stdout=true&tty=true`,
  );
  expect(refused).toBe("closed");
});

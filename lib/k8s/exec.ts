import { podPath } from "./kinds/pod";

// The Kubernetes streaming protocol over WebSocket (what kubectl speaks since
// 1.30): every binary message starts with a channel byte. v5 adds a close
// message (channel 255) so a client can end stdin without closing the socket.

export const EXEC_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"] as const;

export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

export type ExecMode = "exec" | "attach";

/** The shell choices offered, like OpenShift's terminal: "auto" prefers bash and falls back to sh. */
export const SHELLS = ["auto", "bash", "sh", "ash", "custom"] as const;
export type Shell = (typeof SHELLS)[number];

const AUTO = "command -v bash >/dev/null 2>&1 && exec bash || exec sh";

/** The argv a choice runs; a custom command is split on whitespace, like kubectl's `-- cmd args`. */
export function shellCommand(shell: Shell, custom = ""): string[] {
  switch (shell) {
    case "auto":
      return ["sh", "-c", AUTO];
    case "custom":
      return custom.trim().split(/\s+/).filter(Boolean);
    default:
      return [shell];
  }
}

/** The pods/exec or pods/attach path with a TTY on stdin and stdout (stderr joins stdout on a TTY). */
export function streamPath(ns: string, pod: string, mode: ExecMode, container: string, command: string[] = []): string {
  const sp = new URLSearchParams();
  if (container) sp.set("container", container);
  if (mode === "exec") for (const c of command) sp.append("command", c);
  sp.set("stdin", "true");
  sp.set("stdout", "true");
  sp.set("tty", "true");
  return `${podPath(ns, pod)}/${mode}?${sp.toString()}`;
}

const encoder = new TextEncoder();

export function stdinFrame(data: string | Uint8Array): Uint8Array {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  const out = new Uint8Array(bytes.length + 1);
  out[0] = Channel.stdin;
  out.set(bytes, 1);
  return out;
}

export function resizeFrame(cols: number, rows: number): Uint8Array {
  const body = encoder.encode(JSON.stringify({ Width: Math.max(1, Math.floor(cols)), Height: Math.max(1, Math.floor(rows)) }));
  const out = new Uint8Array(body.length + 1);
  out[0] = Channel.resize;
  out.set(body, 1);
  return out;
}

/** How a session ended, from the error channel's Status. */
export type ExecEnd = { ok: true } | { ok: false; exitCode?: number; message: string };

export type Frame = { kind: "output"; data: Uint8Array } | { kind: "end"; end: ExecEnd } | { kind: "ignored" };

export function parseFrame(msg: Uint8Array): Frame {
  if (msg.length === 0) return { kind: "ignored" };
  const ch = msg[0];
  const data = msg.subarray(1);
  if (ch === Channel.stdout || ch === Channel.stderr) return { kind: "output", data };
  if (ch === Channel.error) return { kind: "end", end: parseEnd(new TextDecoder().decode(data)) };
  return { kind: "ignored" };
}

interface StatusLike {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

export function parseEnd(text: string): ExecEnd {
  if (!text.trim()) return { ok: true };
  let s: StatusLike;
  try {
    s = JSON.parse(text) as StatusLike;
  } catch {
    // v1-era servers wrote plain text here.
    return { ok: false, message: text.trim() };
  }
  if (s.status === "Success") return { ok: true };
  const code = s.details?.causes?.find((c) => c.reason === "ExitCode")?.message;
  const message = s.message ?? s.reason ?? "";
  // Runtimes that do not give the ExitCode cause (kwok's pty exec) end their message with Go's "exit status N".
  const exitCode = code !== undefined && /^\d+$/.test(code) ? Number(code) : Number(/\bexit status (\d+)$/.exec(message)?.[1] ?? Number.NaN);
  return { ok: false, exitCode: Number.isNaN(exitCode) ? undefined : exitCode, message };
}

/** A WebSocket address for a path on this origin (ws: beside http:, wss: beside https:). */
export function socketURL(origin: string, path: string): string {
  const u = new URL(path, origin);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}

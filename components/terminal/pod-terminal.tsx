"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useCan } from "@/lib/access/use-can";
import { clusterURL } from "@/lib/client/kube";
import { EXEC_PROTOCOLS, type ExecEnd, type ExecMode, SHELLS, type Shell, parseFrame, resizeFrame, shellCommand, socketURL, stdinFrame, streamPath } from "@/lib/k8s/exec";
import { type PodObject, defaultLogContainer, podContainerNames } from "@/lib/k8s/kinds/pod";

type Session =
  | { s: "idle" }
  | { s: "connecting" }
  | { s: "open"; protocol: string }
  | { s: "ended"; end: ExecEnd }
  | { s: "lost" }
  | { s: "refused" };

interface Choice {
  container: string;
  mode: ExecMode;
  shell: Shell;
  custom: string;
}

/**
 * A shell in a pod's container (or attached to its main process), in the
 * browser: xterm.js over the proxy's pods/exec WebSocket, sized to its box.
 */
export function PodTerminal({ cluster, pod }: { cluster: string; pod: PodObject }) {
  const t = useTranslations("terminal");
  const id = useId();
  const ns = pod.metadata.namespace ?? "";
  const name = pod.metadata.name ?? "";
  const containers = podContainerNames(pod);
  const can = useCan([{ verb: "create", resource: "core/pods/attach", cluster, namespace: ns }]);
  const [choice, setChoice] = useState<Choice>(() => ({ container: defaultLogContainer(pod), mode: "exec", shell: "auto", custom: "" }));
  const [session, setSession] = useState<Session>({ s: "idle" });
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<{ term: Terminal; fit: FitAddon } | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const connectRef = useRef<() => void>(() => {});
  const running = pod.status?.phase === "Running";

  const connect = useCallback(() => {
    const tm = term.current;
    if (!tm) return;
    socket.current?.close();
    const command = shellCommand(choice.shell, choice.custom);
    if (choice.mode === "exec" && command.length === 0) return;
    const path = streamPath(ns, name, choice.mode, choice.container, command);
    const ws = new WebSocket(socketURL(window.location.origin, clusterURL(cluster, path)), [...EXEC_PROTOCOLS]);
    ws.binaryType = "arraybuffer";
    socket.current = ws;
    let opened = false;
    let ended = false;
    setSession({ s: "connecting" });
    ws.onopen = () => {
      opened = true;
      setSession({ s: "open", protocol: ws.protocol });
      tm.fit.fit();
      ws.send(resizeFrame(tm.term.cols, tm.term.rows));
      tm.term.focus();
    };
    ws.onmessage = (e) => {
      if (!(e.data instanceof ArrayBuffer)) return;
      const f = parseFrame(new Uint8Array(e.data));
      if (f.kind === "output") tm.term.write(f.data);
      else if (f.kind === "end") {
        ended = true;
        setSession({ s: "ended", end: f.end });
      }
    };
    ws.onclose = () => {
      if (socket.current !== ws) return;
      socket.current = null;
      if (ended) return;
      // A socket that never opened was refused by the console or the cluster
      // (the browser does not expose the answer); one that opened and closed
      // without a status lost its connection.
      setSession(opened ? { s: "lost" } : { s: "refused" });
    };
  }, [cluster, ns, name, choice]);
  useEffect(() => {
    connectRef.current = connect;
  }, [connect]);

  // One terminal per mount; sessions come and go in it.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const tm = new Terminal({
      cursorBlink: true,
      convertEol: false,
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      fontSize: 13,
      scrollback: 5000,
      theme: { background: "#0f172a", foreground: "#e2e8f0" },
    });
    const fit = new FitAddon();
    tm.loadAddon(fit);
    tm.open(el);
    fit.fit();
    term.current = { term: tm, fit };
    // Ctrl+Shift+C / Ctrl+Shift+V copy and paste as in desktop terminals (plain Ctrl+C stays an interrupt).
    tm.attachCustomKeyEventHandler((e) => {
      if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
      const key = e.key.toLowerCase();
      if (key === "c") {
        const sel = tm.getSelection();
        if (sel) void navigator.clipboard?.writeText(sel).catch(() => {});
        return false;
      }
      if (key === "v") {
        void navigator.clipboard
          ?.readText()
          .then((s) => tm.paste(s))
          .catch(() => {});
        return false;
      }
      return true;
    });
    const data = tm.onData((d) => {
      const ws = socket.current;
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(stdinFrame(d));
      else if (d === "\r") connectRef.current(); // Enter after a session ends starts another
    });
    const resize = tm.onResize(({ cols, rows }) => {
      const ws = socket.current;
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(resizeFrame(cols, rows));
    });
    const ro = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // not laid out yet
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      data.dispose();
      resize.dispose();
      socket.current?.close();
      socket.current = null;
      tm.dispose();
      term.current = null;
    };
  }, []);

  // Connect when the tab opens; a running container is what one came for.
  const first = useRef(true);
  useEffect(() => {
    if (first.current && running && choice.container) {
      first.current = false;
      connect();
    }
  }, [connect, running, choice.container]);

  // A line in the terminal itself says how a session ended, so its output stays readable above it.
  useEffect(() => {
    const tm = term.current?.term;
    if (!tm) return;
    if (session.s === "ended") {
      const how = session.end.ok ? t("endedOk") : session.end.exitCode !== undefined ? t("endedCode", { code: session.end.exitCode }) : t("endedError", { message: session.end.message });
      tm.write(`\r\n\x1b[2m— ${how} ${t("pressEnter")} —\x1b[0m\r\n`);
    } else if (session.s === "lost") {
      tm.write(`\r\n\x1b[2m— ${t("lost")} ${t("pressEnter")} —\x1b[0m\r\n`);
    }
  }, [session, t]);

  const set = (patch: Partial<Choice>) => setChoice((c) => ({ ...c, ...patch }));
  const busy = session.s === "connecting" || session.s === "open";

  if (containers.length === 0) return <p className="text-sm text-slate-500">{t("noContainers")}</p>;

  return (
    <div className="space-y-3" data-testid="pod-terminal" data-state={session.s}>
      <div className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <label htmlFor={`${id}-container`} className="block text-sm font-medium">
            {t("container")}
          </label>
          <select id={`${id}-container`} value={choice.container} onChange={(e) => set({ container: e.target.value })} className={`${inputClass} w-48`}>
            {containers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-mode`} className="block text-sm font-medium">
            {t("mode")}
          </label>
          <select id={`${id}-mode`} value={choice.mode} onChange={(e) => set({ mode: e.target.value as ExecMode })} className={`${inputClass} w-44`}>
            <option value="exec">{t("modeExec")}</option>
            {can.allowed[0] && <option value="attach">{t("modeAttach")}</option>}
          </select>
        </div>
        {choice.mode === "exec" && (
          <div className="space-y-1">
            <label htmlFor={`${id}-shell`} className="block text-sm font-medium">
              {t("shell")}
            </label>
            <select id={`${id}-shell`} value={choice.shell} onChange={(e) => set({ shell: e.target.value as Shell })} className={`${inputClass} w-40`}>
              {SHELLS.map((s) => (
                <option key={s} value={s}>
                  {t(`shells.${s}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {choice.mode === "exec" && choice.shell === "custom" && (
          <div className="space-y-1">
            <label htmlFor={`${id}-custom`} className="block text-sm font-medium">
              {t("command")}
            </label>
            <input id={`${id}-custom`} value={choice.custom} onChange={(e) => set({ custom: e.target.value })} placeholder="python3 -i" className={`${inputClass} w-56 font-mono`} />
          </div>
        )}
        <Button className="mb-1" variant="primary" onClick={connect} disabled={choice.mode === "exec" && shellCommand(choice.shell, choice.custom).length === 0}>
          {busy ? t("restart") : session.s === "idle" ? t("connect") : t("reconnect")}
        </Button>
        {busy && (
          <Button className="mb-1" onClick={() => socket.current?.close()}>
            {t("disconnect")}
          </Button>
        )}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400" role="status" data-testid="terminal-status">
        {session.s === "idle" && (running ? t("idle") : t("notRunning"))}
        {session.s === "connecting" && t("connecting")}
        {session.s === "open" && t("open", { container: choice.container, protocol: session.protocol || "?" })}
        {session.s === "ended" && (session.end.ok ? t("endedOk") : session.end.exitCode !== undefined ? t("endedCode", { code: session.end.exitCode }) : t("endedError", { message: session.end.message }))}
        {session.s === "lost" && t("lost")}
        {session.s === "refused" && t("refused")}
        <span className="ml-2 text-xs text-slate-500">{t("copyHint")}</span>
      </p>
      <div ref={box} data-testid="terminal-screen" className="h-[60vh] min-h-64 w-full overflow-hidden rounded-md bg-slate-900 p-2" />
    </div>
  );
}

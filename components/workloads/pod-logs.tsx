"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { Tail } from "@/components/logs/merge";
import { TailSelect } from "@/components/logs/tail-select";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { type PodObject, defaultLogContainer, logFileName, podContainerNames, podInitContainerNames, podLogPath } from "@/lib/k8s/kinds/pod";
import { ApiClientError, saveFile } from "@/lib/client/api";
import { kubeFile, kubeLogs } from "@/lib/client/kube";

/** Lines kept in the page; older ones are dropped (the download has them all). */
const MAX_LINES = 20_000;

export interface LogOptions {
  container: string;
  previous: boolean;
  follow: boolean;
  tail: Tail;
  timestamps: boolean;
}

/**
 * A pod's logs: pick the container, its previous instance, how many lines,
 * timestamps; follow the stream as it comes; download the whole log.
 */
export function PodLogs({ cluster, pod }: { cluster: string; pod: PodObject }) {
  const t = useTranslations("workloads.logs");
  const id = useId();
  const containers = podContainerNames(pod);
  const inits = podInitContainerNames(pod);
  const [o, setO] = useState<LogOptions>(() => ({ container: defaultLogContainer(pod), previous: false, follow: true, tail: 500, timestamps: false }));
  const [run, setRun] = useState(0);
  const [download, setDownload] = useState<{ state: "idle" | "busy" } | { state: "error"; message: string }>({ state: "idle" });
  const set = (patch: Partial<LogOptions>) => setO((old) => ({ ...old, ...patch }));
  const ns = pod.metadata.namespace ?? "";
  const name = pod.metadata.name ?? "";

  const save = async () => {
    setDownload({ state: "busy" });
    try {
      saveFile(await kubeFile(cluster, podLogPath(ns, name, { container: o.container, previous: o.previous, timestamps: o.timestamps })), logFileName(name, o.container));
      setDownload({ state: "idle" });
    } catch (e) {
      setDownload({ state: "error", message: e instanceof Error ? e.message : String(e) });
    }
  };

  if (!o.container) return <p className="text-sm text-slate-500">{t("noContainers")}</p>;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <label htmlFor={`${id}-container`} className="block text-sm font-medium">
            {t("container")}
          </label>
          <select id={`${id}-container`} value={o.container} onChange={(e) => set({ container: e.target.value })} className={`${inputClass} w-56`}>
            {containers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            {inits.map((c) => (
              <option key={c} value={c}>
                {t("initContainer", { name: c })}
              </option>
            ))}
          </select>
        </div>
        <TailSelect id={`${id}-tail`} value={o.tail} onChange={(tail) => set({ tail })} label={t("tail")} lastLines={(n) => t("lastLines", { n })} allLines={t("allLines")} />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={o.follow} onChange={(e) => set({ follow: e.target.checked })} />
          {t("follow")}
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={o.previous} onChange={(e) => set({ previous: e.target.checked })} />
          {t("previous")}
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={o.timestamps} onChange={(e) => set({ timestamps: e.target.checked })} />
          {t("timestamps")}
        </label>
        <Button className="mb-1" onClick={() => void save()} disabled={download.state === "busy"}>
          {download.state === "busy" ? t("downloading") : t("download")}
        </Button>
      </div>
      {download.state === "error" && <ErrorState title={t("downloadFailed")} message={download.message} />}
      <LogStream key={`${JSON.stringify(o)}#${run}`} cluster={cluster} ns={ns} pod={name} o={o} onReconnect={() => setRun((n) => n + 1)} />
    </div>
  );
}

type StreamState = { s: "connecting" } | { s: "streaming" } | { s: "ended" } | { s: "error"; message: string; status?: number };

/** One log request, from mount to unmount (new options mount a new one). `height`: of the output box (a Tailwind class). */
export function LogStream({ cluster, ns, pod, o, onReconnect, height = "h-[60vh]" }: { cluster: string; ns: string; pod: string; o: LogOptions; onReconnect: () => void; height?: string }) {
  const t = useTranslations("workloads.logs");
  const [lines, setLines] = useState<string[]>([]);
  const [dropped, setDropped] = useState(0);
  const [state, setState] = useState<StreamState>({ s: "connecting" });
  const [paused, setPaused] = useState(false);
  const out = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const ac = new AbortController();
    let pending: string[] = [];
    let all: string[] = [];
    let droppedCount = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (pending.length === 0) return;
      all = all.concat(pending);
      pending = [];
      if (all.length > MAX_LINES) {
        droppedCount += all.length - MAX_LINES;
        all = all.slice(all.length - MAX_LINES);
        setDropped(droppedCount);
      }
      setLines(all);
    };
    const push = (line: string) => {
      pending.push(line);
      timer ??= setTimeout(flush, 100);
    };
    (async () => {
      try {
        const path = podLogPath(ns, pod, {
          container: o.container,
          follow: o.follow,
          previous: o.previous,
          timestamps: o.timestamps,
          tailLines: o.tail === "all" ? undefined : o.tail,
        });
        const lines = await kubeLogs(cluster, path, ac.signal);
        setState({ s: "streaming" });
        for await (const line of lines) push(line);
        clearTimeout(timer);
        flush();
        setState({ s: "ended" });
      } catch (e) {
        if (ac.signal.aborted) return;
        setState({ s: "error", message: e instanceof Error ? e.message : String(e), status: e instanceof ApiClientError ? e.status : undefined });
      }
    })();
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [cluster, ns, pod, o]);

  // Keep the newest line in view unless the user scrolled up to read.
  useLayoutEffect(() => {
    const el = out.current;
    if (el && !paused) el.scrollTop = el.scrollHeight;
  }, [lines, paused]);

  const onScroll = () => {
    const el = out.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom === paused) setPaused(!atBottom);
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
        <span role="status" data-testid="pod-logs-state" data-state={state.s}>
          {state.s === "connecting" ? t("connecting") : state.s === "streaming" ? (o.follow ? t("following") : t("loading")) : state.s === "ended" ? (o.follow ? t("streamEnded") : t("loaded", { count: lines.length })) : t("failed")}
        </span>
        {dropped > 0 && <span>{t("dropped", { count: dropped })}</span>}
        {state.s === "ended" && o.follow && (
          <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={onReconnect}>
            {t("reconnect")}
          </Button>
        )}
        {paused && lines.length > 0 && (
          <Button
            variant="ghost"
            className="px-2 py-0.5 text-xs"
            onClick={() => {
              setPaused(false);
              const el = out.current;
              if (el) el.scrollTop = el.scrollHeight;
            }}
          >
            {t("resumeScroll")}
          </Button>
        )}
      </div>
      {state.s === "error" ? (
        <ErrorState title={state.status === 400 && o.previous ? t("noPrevious") : t("failed")} message={state.message}>
          <Button className="mt-3" onClick={onReconnect}>
            {t("retry")}
          </Button>
        </ErrorState>
      ) : (
        <pre
          ref={out}
          onScroll={onScroll}
          data-testid="pod-logs"
          role="log"
          aria-label={t("output", { container: o.container })}
          aria-live="off"
          tabIndex={0}
          className={`${height} overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600`}
        >
          {lines.length === 0 && state.s === "ended" ? <span className="text-slate-400">{t("empty")}</span> : lines.join("\n")}
        </pre>
      )}
    </div>
  );
}

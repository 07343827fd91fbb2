"use client";

import { useTranslations } from "next-intl";
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";
import { saveFile } from "@/lib/client/api";
import type { LabelSelector } from "@/lib/k8s/kinds/common";
import type { KubeObject } from "@/lib/k8s/types";
import type { LogKind } from "@/lib/validations/logs";
import { LogRows } from "./log-rows";
import { TailSelect } from "./tail-select";
import { type LogLine, POD_COLOURS, type Prefix, SINCE, type Since, type StreamOptions,  highlightParts, linePrefix, lineText, logsURL, rowColumns, search, workloadSelector } from "./merge";
import { LogSession, type Opener, type Snapshot, type StreamInfo, openEvents } from "./session";

// A workload's logs: every pod and container at once, merged in time order,
// each pod in its colour (as Rancher, Lens and Headlamp show them). Pods that
// come and go while following join and leave the stream.

export type Workload = KubeObject & { spec?: { selector?: LabelSelector } };

export function WorkloadLogs({ cluster, kind, workload }: { cluster: string; kind: LogKind; workload: Workload }) {
  const t = useTranslations("logs");
  if (!workloadSelector(workload)) return <EmptyState title={t("noSelector")} />;
  return <WorkloadLogsView cluster={cluster} kind={kind} ns={workload.metadata.namespace ?? ""} name={workload.metadata.name ?? ""} />;
}

const checkbox = "flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200";

/** The view of a workload's merged logs, one stream from the console (GET /api/logs); `open` opens it (openEvents by default). */
export function WorkloadLogsView({ cluster, kind, ns, name, open }: { cluster: string; kind: LogKind; ns: string; name: string; open?: Opener }) {
  const t = useTranslations("logs");
  const id = useId();
  const [o, setO] = useState<StreamOptions>({ follow: true, previous: false, tail: 100, since: "all" });
  const [run, setRun] = useState(0);
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [query, setQuery] = useState("");
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [hiddenPods, setHiddenPods] = useState<ReadonlySet<string>>(new Set());
  const [hiddenContainers, setHiddenContainers] = useState<ReadonlySet<string>>(new Set());
  const [stick, setStick] = useState(true);
  const [cursor, setCursor] = useState<{ match: number; n: number } | undefined>();

  const session = useMemo(
    () => new LogSession({ url: logsURL(cluster, kind, ns, name, o), open: open ?? openEvents }),
    // A new run for new options or a reconnect; `open` is fixed for a view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cluster, kind, ns, name, o, run],
  );
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);
  const snap: Snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);

  const q = useDeferredValue(query);
  const s = useMemo(() => search(q), [q]);
  const colour = useMemo(() => new Map(snap.pods.map((p) => [p.name, POD_COLOURS[p.colour]])), [snap.pods]);
  const prefix: Prefix = useMemo(() => ({ timestamps, containers: snap.containers.length > 1 }), [timestamps, snap.containers.length]);
  const rows = useMemo(
    () =>
      snap.lines.filter(
        (l) => !hiddenPods.has(l.pod) && (l.kind !== "line" || (!hiddenContainers.has(l.container) && (!onlyMatching || !s || s.test(l.text)))),
      ),
    [snap.lines, hiddenPods, hiddenContainers, onlyMatching, s],
  );
  const matches = useMemo(() => (s ? rows.flatMap((l, i) => (l.kind === "line" && s.test(l.text) ? [i] : [])) : []), [rows, s]);
  const marker = useCallback((l: LogLine) => (l.kind === "joined" ? t("joined", { pod: l.pod }) : l.kind === "left" ? t("left", { pod: l.pod }) : ""), [t]);
  const columns = useCallback((i: number) => rowColumns(rows[i], prefix, marker(rows[i])), [rows, prefix, marker]);
  const current = cursor && matches.length ? matches[cursor.match % matches.length] : undefined;
  // A new object only for a new request (or the match moving): each one scrolls the view.
  const reveal = useMemo(() => (current === undefined || !cursor ? undefined : { index: current, n: cursor.n }), [current, cursor]);

  const set = (patch: Partial<StreamOptions>) => {
    setO((old) => ({ ...old, ...patch }));
    setStick(true);
  };
  const toggle = (setter: typeof setHiddenPods, key: string) =>
    setter((old) => {
      const next = new Set(old);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const step = (by: 1 | -1) => {
    if (matches.length === 0) return;
    setStick(false);
    setCursor((c) => {
      const at = c ? (c.match % matches.length) : by === 1 ? -1 : 0;
      return { match: (at + by + matches.length) % matches.length, n: (c?.n ?? 0) + 1 };
    });
  };
  const download = () => {
    const text = rows.filter((l) => l.kind === "line" || !onlyMatching).map((l) => lineText(l, prefix, marker(l)));
    saveFile(new Blob([text.join("\n"), "\n"], { type: "text/plain" }), `${name}.log`);
  };

  const errors = snap.streams.filter((x) => x.state === "error");
  const active = snap.streams.filter((x) => x.state === "streaming" || x.state === "connecting").length;
  const present = snap.pods.filter((p) => p.present).length;
  const status = !snap.loaded
    ? t("connecting")
    : snap.error && snap.streams.length === 0
      ? t("failed")
    : snap.streams.length === 0
      ? o.follow
        ? t("waiting")
        : t("noPods")
      : o.follow
        ? active > 0
          ? t("following", { pods: present, streams: active })
          : t("allEnded")
        : active > 0
          ? t("loading")
          : t("loaded", { count: snap.lines.length, pods: snap.pods.length });

  return (
    <div className="space-y-3" data-testid="workload-logs">
      <div className="flex flex-wrap items-end gap-4">
        <label className={`${checkbox} pb-2`}>
          <input type="checkbox" checked={o.follow} onChange={(e) => set({ follow: e.target.checked })} />
          {t("follow")}
        </label>
        <label className={`${checkbox} pb-2`}>
          <input type="checkbox" checked={o.previous} onChange={(e) => set({ previous: e.target.checked })} />
          {t("previous")}
        </label>
        <div className="space-y-1">
          <label htmlFor={`${id}-since`} className="block text-sm font-medium">
            {t("since")}
          </label>
          <select id={`${id}-since`} value={o.since} onChange={(e) => set({ since: e.target.value as Since })} className={`${inputClass} w-40`}>
            {(Object.keys(SINCE) as Since[]).map((k) => (
              <option key={k} value={k}>
                {t(`sinceOption.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <TailSelect id={`${id}-tail`} value={o.tail} onChange={(tail) => set({ tail })} label={t("tail")} lastLines={(n) => t("lastLines", { n })} allLines={t("allLines")} />
        <label className={`${checkbox} pb-2`}>
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
          {t("timestamps")}
        </label>
        <label className={`${checkbox} pb-2`}>
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          {t("wrap")}
        </label>
        <Button className="mb-1" onClick={download} disabled={rows.length === 0}>
          {t("download")}
        </Button>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <div className="w-72">
          <input
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setCursor(undefined);
            }}
            aria-label={t("search")}
            placeholder={t("searchPlaceholder")}
            className={inputClass}
          />
        </div>
        <label className={checkbox}>
          <input type="checkbox" checked={onlyMatching} onChange={(e) => setOnlyMatching(e.target.checked)} />
          {t("onlyMatching")}
        </label>
        {s && (
          <>
            <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="log-matches">
              {t("matches", { count: matches.length })}
            </span>
            <Button variant="ghost" className="px-2 py-0.5" onClick={() => step(-1)} disabled={matches.length === 0} aria-label={t("previousMatch")}>
              ↑
            </Button>
            <Button variant="ghost" className="px-2 py-0.5" onClick={() => step(1)} disabled={matches.length === 0} aria-label={t("nextMatch")}>
              ↓
            </Button>
          </>
        )}
      </div>

      {snap.pods.length > 0 && (
        <Chips label={t("pods")} testid="log-pod-filter">
          {snap.pods.map((p) => (
            <Chip key={p.name} on={!hiddenPods.has(p.name)} onClick={() => toggle(setHiddenPods, p.name)} colour={POD_COLOURS[p.colour]} title={p.present ? undefined : t("podLeft")}>
              <span className={p.present ? "" : "line-through"}>{p.name}</span>
            </Chip>
          ))}
        </Chips>
      )}
      {snap.containers.length > 1 && (
        <Chips label={t("containers")} testid="log-container-filter">
          {snap.containers.map((c) => (
            <Chip key={c} on={!hiddenContainers.has(c)} onClick={() => toggle(setHiddenContainers, c)}>
              {c}
            </Chip>
          ))}
        </Chips>
      )}

      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
        <span role="status" data-testid="workload-logs-state" data-active={active}>
          {status}
        </span>
        {snap.dropped > 0 && <span data-testid="log-dropped">{t("dropped", { count: snap.dropped })}</span>}
        {snap.loaded && (
          <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => setRun((n) => n + 1)}>
            {t("reconnect")}
          </Button>
        )}
        {!stick && rows.length > 0 && (
          <Button
            variant="ghost"
            className="px-2 py-0.5 text-xs"
            onClick={() => {
              setStick(true);
              setCursor(undefined);
            }}
          >
            {t("resumeScroll")}
          </Button>
        )}
      </div>
      {snap.error && (
        <p role="alert" data-testid="log-stream-failed" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200">
          {snap.error.status === 403 ? t("forbidden") : t("streamFailed")} {snap.error.message}
        </p>
      )}
      {snap.notices.map((n) => (
        <p key={n} data-testid="log-notice" className="text-sm text-amber-800 dark:text-amber-300">
          {n}
        </p>
      ))}
      {errors.length > 0 && <StreamErrors errors={errors} previous={o.previous} />}

      <LogRows
        count={rows.length}
        columns={columns}
        rowKey={(i) => rows[i].seq}
        wrap={wrap}
        stick={stick}
        onStick={setStick}
        reveal={reveal}
        label={t("output", { name })}
        empty={snap.lines.length > 0 ? t("noneShown") : snap.loaded && active === 0 ? t("empty") : t("connecting")}
        row={(i) => <LogRow line={rows[i]} prefix={prefix} colour={colour.get(rows[i].pod)} marker={marker(rows[i])} search={s} current={i === current} />}
      />
    </div>
  );
}

/** One row: its time (when shown), its pod in the pod's colour, and its text with the matches marked. */
export function LogRow({ line, prefix, colour, marker, search: s, current }: { line: LogLine; prefix: Prefix; colour?: string; marker: string; search?: ReturnType<typeof search>; current: boolean }) {
  const { ts, source } = linePrefix(line, prefix);
  return (
    <div data-pod={line.pod} data-kind={line.kind} data-current={current || undefined} className={current ? "bg-sky-900/60" : undefined}>
      {ts && <span className="text-slate-500">{ts} </span>}
      <span data-testid="log-pod" style={{ color: colour }}>
        {source}
      </span>{" "}
      {line.kind === "line" ? (
        s ? (
          highlightParts(line.text, s.ranges(line.text)).map((p, i) =>
            p.match ? (
              <mark key={i} className="rounded-sm bg-amber-300 text-slate-950">
                {p.text}
              </mark>
            ) : (
              p.text
            ),
          )
        ) : (
          line.text
        )
      ) : (
        <span data-testid="log-marker" data-event={line.kind} data-pod={line.pod} className="italic text-slate-400">
          {marker}
        </span>
      )}
    </div>
  );
}

function Chips({ label, testid, children }: { label: string; testid: string; children: React.ReactNode }) {
  return (
    <div role="group" aria-label={label} data-testid={testid} className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 text-xs font-medium text-slate-600 dark:text-slate-400">{label}</span>
      {children}
    </div>
  );
}

function Chip({ on, onClick, colour, title, children }: { on: boolean; onClick: () => void; colour?: string; title?: string; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onClick}
      title={title}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-600 ${
        on
          ? "border-slate-300 bg-white text-slate-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          : "border-dashed border-slate-300 bg-transparent text-slate-400 dark:border-slate-700 dark:text-slate-500"
      }`}
    >
      {colour && <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ backgroundColor: on ? colour : "transparent", boxShadow: `inset 0 0 0 1.5px ${colour}` }} />}
      {children}
    </button>
  );
}

function StreamErrors({ errors, previous }: { errors: StreamInfo[]; previous: boolean }) {
  const t = useTranslations("logs");
  return (
    <details data-testid="log-stream-errors" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-200" open={errors.length <= 3}>
      <summary className="cursor-pointer font-medium">{t("streamErrors", { count: errors.length })}</summary>
      <ul className="mt-1 space-y-0.5 font-mono text-xs">
        {errors.map((e) => (
          <li key={e.id}>
            {e.pod}/{e.container}: {previous && e.status === 400 ? t("noPrevious") : e.status === 403 ? t("forbidden") : ""} {e.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

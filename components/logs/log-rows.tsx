"use client";

import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { rowAt, rowOffsets, rowUnits } from "./merge";

// A tiny virtualizer for log rows: only the rows in view (and a few around)
// are in the page. Every screen line is ROW pixels high and the font is
// monospace, so a wrapped row's height is known from its length alone: no
// measuring of rows, and twenty thousand of them scroll like twenty.

const ROW = 20;
const PAD = 12;
const OVERSCAN = 10;

export interface LogRowsProps {
  count: number;
  /** Columns row i takes (its prefix and text). */
  columns: (i: number) => number;
  row: (i: number) => React.ReactNode;
  rowKey: (i: number) => string | number;
  wrap: boolean;
  /** Keep the newest row in view. */
  stick: boolean;
  /** The user scrolled away from the end (false) or back to it (true). */
  onStick: (atBottom: boolean) => void;
  /** A row to bring into view (a search match); `n` asks again for the same row. */
  reveal?: { index: number; n: number };
  label: string;
  empty?: React.ReactNode;
  height?: string;
}

export function LogRows({ count, columns, row, rowKey, wrap, stick, onStick, reveal, label, empty, height = "h-[60vh]" }: LogRowsProps) {
  const box = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0, ch: 7.2 });
  const [scrollTop, setScrollTop] = useState(0);

  useLayoutEffect(() => {
    const el = box.current;
    const pr = probe.current;
    if (!el || !pr) return;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight, ch: pr.getBoundingClientRect().width / 100 || 7.2 }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const width = Math.max(1, Math.floor((size.w - 2 * PAD) / size.ch));
  const offsets = useMemo(() => rowOffsets(count, wrap ? (i) => rowUnits(columns(i), width) : () => 1), [count, columns, wrap, width]);
  const widest = useMemo(() => {
    if (wrap) return 0;
    let m = 0;
    for (let i = 0; i < count; i++) m = Math.max(m, columns(i));
    return m;
  }, [count, columns, wrap]);
  const total = offsets[count] * ROW + 2 * PAD;

  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick) el.scrollTop = el.scrollHeight;
  }, [stick, offsets]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !reveal || reveal.index >= count) return;
    el.scrollTop = Math.max(0, PAD + offsets[reveal.index] * ROW - el.clientHeight / 2);
    // Only a new request moves the view, not new rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW;
    if (atBottom !== stick) onStick(atBottom);
  };

  // Following, the view is at the end already: do not wait for the scroll event to say so.
  const top = stick ? Math.max(0, total - size.h) : scrollTop;
  const first = Math.max(0, rowAt(offsets, Math.floor((top - PAD) / ROW)) - OVERSCAN);
  const last = Math.min(count - 1, rowAt(offsets, Math.ceil((top + size.h) / ROW)) + OVERSCAN);
  const rows: React.ReactNode[] = [];
  for (let i = first; i <= last && count > 0; i++) {
    const units = offsets[i + 1] - offsets[i];
    rows.push(
      <div
        key={rowKey(i)}
        data-testid="log-row"
        className={`absolute overflow-hidden ${wrap ? "whitespace-pre-wrap break-all" : "whitespace-pre"}`}
        style={{ top: PAD + offsets[i] * ROW, left: PAD, height: units * ROW, ...(wrap ? { right: PAD } : { width: widest * size.ch + 1 }) }}
      >
        {row(i)}
      </div>,
    );
  }

  return (
    <div
      ref={box}
      onScroll={onScroll}
      role="log"
      aria-label={label}
      aria-live="off"
      tabIndex={0}
      data-testid="workload-logs-output"
      data-rows={count}
      className={`${height} relative overflow-auto rounded-md bg-slate-950 font-mono dark:ring-1 dark:ring-slate-700 text-xs leading-5 text-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600`}
    >
      <span ref={probe} aria-hidden className="invisible absolute whitespace-pre">
        {"0".repeat(100)}
      </span>
      {count === 0 ? (
        <div className="p-3 text-slate-400">{empty}</div>
      ) : (
        <div className="relative" style={{ height: total, width: wrap ? "100%" : Math.max(widest * size.ch + 2 * PAD, size.w) }}>
          {rows}
        </div>
      )}
    </div>
  );
}

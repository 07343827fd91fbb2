"use client";

import { DiffEditor, type DiffOnMount, Editor, loader } from "@monaco-editor/react";
import { useLayoutEffect, useRef, useSyncExternalStore } from "react";

// Monaco from our own origin (scripts/copy-monaco.mjs copies it to
// public/monaco/vs): never a CDN, the console works without internet.
// Only imported through next/dynamic, so pages without an editor do not load it.
loader.config({ paths: { vs: "/monaco/vs" } });

function subscribeTheme(onChange: () => void) {
  const obs = new MutationObserver(onChange);
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => obs.disconnect();
}

/** Follows the console's light/dark switch. */
function useMonacoTheme() {
  return useSyncExternalStore(
    subscribeTheme,
    () => (document.documentElement.classList.contains("dark") ? "vs-dark" : "light"),
    () => "light",
  );
}

const common = {
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  fontSize: 13,
  tabSize: 2,
  renderWhitespace: "boundary" as const,
};

export function CodeEditor({
  value,
  onChange,
  readOnly,
  ariaLabel,
  loading,
  height = "60vh",
}: {
  value: string;
  onChange: (v: string) => void;
  readOnly?: boolean;
  ariaLabel: string;
  loading: React.ReactNode;
  height?: string;
}) {
  const theme = useMonacoTheme();
  return (
    <div className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-600" data-testid="yaml-editor">
      <Editor
        height={height}
        language="yaml"
        value={value}
        theme={theme}
        loading={loading}
        onChange={(v) => onChange(v ?? "")}
        options={{ ...common, readOnly, ariaLabel }}
      />
    </div>
  );
}

type DiffWidget = Parameters<DiffOnMount>[0];

/**
 * @monaco-editor/react disposes a diff editor's two models before the widget
 * that still shows them, and Monaco (0.52+) reports that as an uncaught
 * "TextModel got disposed before DiffEditorWidget model got reset" on every
 * unmount. The models are kept from it and released here instead: widget
 * first, then its models. A layout effect's cleanup runs before the library's
 * own (passive) cleanup, so the widget is still there to let go of them.
 */
function useDiffDisposal() {
  const widget = useRef<DiffWidget | null>(null);
  useLayoutEffect(
    () => () => {
      const w = widget.current;
      widget.current = null;
      if (!w) return;
      const model = w.getModel();
      w.setModel(null);
      model?.original.dispose();
      model?.modified.dispose();
    },
    [],
  );
  return (w: DiffWidget) => {
    widget.current = w;
  };
}

export function DiffView({ original, modified, ariaLabel, loading, height = "60vh" }: { original: string; modified: string; ariaLabel: string; loading: React.ReactNode; height?: string }) {
  const theme = useMonacoTheme();
  const onMount = useDiffDisposal();
  return (
    <div className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-600" data-testid="yaml-diff">
      <DiffEditor
        height={height}
        language="yaml"
        original={original}
        modified={modified}
        theme={theme}
        loading={loading}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={onMount}
        options={{ ...common, readOnly: true, originalEditable: false, renderSideBySide: true, ariaLabel }}
      />
    </div>
  );
}

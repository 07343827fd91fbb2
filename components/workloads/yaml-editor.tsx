"use client";

import { useMutation } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { kubeGet, kubeWrite } from "@/lib/client/kube";
import { apiBase, collectionPath } from "@/lib/k8s/kinds/common";
import { definedKindByName } from "@/components/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { type DiscoveredResource, type Parsed, diffView, editableYaml, forNamespace, parseManifest, resourceForKind, splitApiVersion } from "./yaml-model";

function EditorLoading() {
  const tc = useTranslations("common");
  return <LoadingState label={tc("loading")} />;
}

// Monaco is loaded only when an editor is shown, and only in the browser.
const CodeEditor = dynamic(() => import("./monaco").then((m) => m.CodeEditor), { ssr: false, loading: EditorLoading });
const DiffView = dynamic(() => import("./monaco").then((m) => m.DiffView), { ssr: false, loading: EditorLoading });

export type YamlTarget =
  /** Edit an existing object at `path`. */
  | { mode: "edit"; path: string; object: KubeObject }
  /** Create a new object (of any kind) in namespace `ns`. */
  | { mode: "create"; ns: string; initial: string };

type Outcome =
  | { kind: "parse"; parsed: Exclude<Parsed, { ok: true }> }
  | { kind: "server"; error: Error }
  | { kind: "conflict"; error: Error }
  | { kind: "valid" };

class UnknownKindError extends Error {}

/** Where a new object goes: the known kinds from the registry, any other kind from API discovery. */
async function createTarget(cluster: string, o: KubeObject, ns: string): Promise<{ path: string; object: KubeObject }> {
  // Looked up among the defined kinds, not the registry: the registry's kinds open this editor.
  const defined = definedKindByName(o.kind ?? "");
  const known = defined && defined.apiVersion === o.apiVersion ? defined : undefined;
  if (known) {
    const obj = forNamespace(o, ns, true);
    return { path: known.listPath(obj.metadata.namespace), object: obj };
  }
  const [group, version] = splitApiVersion(o.apiVersion ?? "");
  const doc = await kubeGet<{ resources?: DiscoveredResource[] }>(cluster, apiBase(group, version));
  const r = resourceForKind(doc.resources ?? [], o.kind ?? "");
  if (!r) throw new UnknownKindError(`${o.kind} (${o.apiVersion})`);
  const obj = forNamespace(o, ns, r.namespaced);
  return { path: collectionPath(group, version, r.name, r.namespaced ? obj.metadata.namespace : undefined), object: obj };
}

/**
 * Edit or create any object as YAML: Validate (a server-side dry run),
 * Review changes (a diff against the object as it is now), Apply. Updates
 * carry the resourceVersion they started from, so a concurrent change is a
 * 409 the user is told about rather than silently overwritten.
 */
export function YamlEditor({
  cluster,
  target,
  allowed,
  pending,
  onApplied,
  onCancel,
}: {
  cluster: string;
  target: YamlTarget;
  /** May the caller write (update, or create)? The editor is read-only otherwise. */
  allowed: boolean;
  pending?: boolean;
  onApplied?: (o: KubeObject) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("workloads.yaml");
  const ta = useTranslations("workloads.actions");
  const id = useId();
  const [text, setText] = useState(() => (target.mode === "edit" ? editableYaml(target.object) : target.initial));
  const [plain, setPlain] = useState(false);
  const [review, setReview] = useState<{ current: KubeObject | undefined; edited: KubeObject } | undefined>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [applied, setApplied] = useState(false);

  const parse = (): KubeObject | undefined => {
    const p = parseManifest(text);
    if (!p.ok) {
      setOutcome({ kind: "parse", parsed: p });
      return undefined;
    }
    return p.object;
  };

  /** Sends the object (for real, or as a dry run). */
  const send = async (o: KubeObject, dryRun: boolean): Promise<KubeObject> => {
    if (target.mode === "edit") return kubeWrite<KubeObject>(cluster, target.path, { method: "PUT", body: o, dryRun });
    const to = await createTarget(cluster, o, target.ns);
    return kubeWrite<KubeObject>(cluster, to.path, { method: "POST", body: to.object, dryRun });
  };

  const failure = (e: Error): Outcome => (e instanceof ApiClientError && e.status === 409 && target.mode === "edit" ? { kind: "conflict", error: e } : { kind: "server", error: e });

  const validate = useMutation({
    mutationFn: (o: KubeObject) => send(o, true),
    onMutate: () => setOutcome(undefined),
    onSuccess: () => setOutcome({ kind: "valid" }),
    onError: (e) => setOutcome(failure(e)),
  });
  const apply = useMutation({
    mutationFn: (o: KubeObject) => send(o, false),
    onMutate: () => setOutcome(undefined),
    onSuccess: (o) => {
      setApplied(true);
      setReview(undefined);
      if (target.mode === "edit") {
        setText(editableYaml(o));
      }
      onApplied?.(o);
    },
    onError: (e) => setOutcome(failure(e)),
  });
  const latest = useMutation({
    mutationFn: () => (target.mode === "edit" ? kubeGet<KubeObject>(cluster, target.path) : Promise.resolve(undefined)),
  });

  const busy = validate.isPending || apply.isPending || latest.isPending;
  const edited = () => {
    setApplied(false);
    return parse();
  };

  const onValidate = () => {
    const o = edited();
    if (o) validate.mutate(o);
  };
  const onReview = () => {
    const o = edited();
    if (!o) return;
    setOutcome(undefined);
    latest.mutate(undefined, {
      onSuccess: (current) => setReview({ current, edited: o }),
      onError: (e) => setOutcome({ kind: "server", error: e }),
    });
  };
  const onApply = () => {
    const o = review?.edited ?? edited();
    if (o) apply.mutate(o);
  };
  const onLoadLatest = () => {
    latest.mutate(undefined, {
      onSuccess: (current) => {
        if (!current) return;
        setText(editableYaml(current));
        setReview(undefined);
        setOutcome(undefined);
      },
      onError: (e) => setOutcome({ kind: "server", error: e }),
    });
  };

  const readOnly = !allowed;
  const denied = ta("denied");
  const editedAt = review?.edited.metadata.resourceVersion;
  const changedSince = !!(review?.current && editedAt && review.current.metadata.resourceVersion !== editedAt);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {review ? (
          <Button onClick={() => setReview(undefined)} disabled={busy}>
            {t("backToEdit")}
          </Button>
        ) : (
          <>
            <GuardedButton allowed={allowed} pending={pending} reason={denied} onClick={onValidate} disabled={busy}>
              {validate.isPending ? t("validating") : t("validate")}
            </GuardedButton>
            <Button onClick={onReview} disabled={busy}>
              {t("review")}
            </Button>
          </>
        )}
        <GuardedButton variant="primary" allowed={allowed} pending={pending} reason={denied} onClick={onApply} disabled={busy}>
          {apply.isPending ? t("applying") : target.mode === "edit" ? t("apply") : t("create")}
        </GuardedButton>
        {onCancel && <Button onClick={onCancel}>{t("cancel")}</Button>}
        <label className="ml-auto flex items-center gap-2 text-sm" htmlFor={`${id}-plain`}>
          <input id={`${id}-plain`} type="checkbox" checked={plain} onChange={(e) => setPlain(e.target.checked)} />
          {t("plainEditor")}
        </label>
      </div>

      {readOnly && !pending && <p className="text-sm text-slate-600 dark:text-slate-400">{t("readOnly")}</p>}
      <OutcomeView outcome={outcome} onLoadLatest={onLoadLatest} onReview={onReview} busy={busy} />
      {applied && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {target.mode === "edit" ? t("applied") : t("created")}
        </p>
      )}

      {review ? (
        <div className="space-y-2">
          {changedSince && (
            <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
              {t("changedSince")}
            </p>
          )}
          <p className="text-xs text-slate-500 dark:text-slate-400">{review.current ? t("diffLegend") : t("diffNew")}</p>
          <DiffView original={diffView(review.current)} modified={diffView(review.edited)} ariaLabel={t("diffLabel")} loading={<EditorLoading />} />
        </div>
      ) : plain ? (
        <textarea
          aria-label={t("editorLabel")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          readOnly={readOnly}
          spellCheck={false}
          rows={28}
          className={`${inputClass} font-mono text-xs leading-5`}
          data-testid="yaml-textarea"
        />
      ) : (
        <CodeEditor value={text} onChange={setText} readOnly={readOnly} ariaLabel={t("editorLabel")} loading={<EditorLoading />} />
      )}
    </div>
  );
}

function OutcomeView({ outcome, onLoadLatest, onReview, busy }: { outcome: Outcome | undefined; onLoadLatest: () => void; onReview: () => void; busy: boolean }) {
  const t = useTranslations("workloads.yaml");
  if (!outcome) return null;
  if (outcome.kind === "valid") {
    return (
      <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="yaml-valid">
        {t("valid")}
      </p>
    );
  }
  if (outcome.kind === "parse") {
    const p = outcome.parsed;
    const message = p.reason === "syntax" ? t("syntaxError", { line: p.line ?? 0, col: p.col ?? 0, message: p.message }) : t(`parse.${p.reason}`);
    return <ErrorState title={t("parseFailed")} message={message} />;
  }
  if (outcome.kind === "conflict") {
    return (
      <ErrorState title={t("conflictTitle")} message={outcome.error.message}>
        <p className="mt-2 text-red-700 dark:text-red-400">{t("conflictHelp")}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Button onClick={onReview} disabled={busy}>
            {t("reviewLatest")}
          </Button>
          <Button onClick={onLoadLatest} disabled={busy}>
            {t("loadLatest")}
          </Button>
        </div>
      </ErrorState>
    );
  }
  const e = outcome.error;
  const message = e instanceof UnknownKindError ? t("unknownKind", { kind: e.message }) : e.message;
  const causes = e instanceof ApiClientError ? e.causes.filter((c) => c.field || c.message) : [];
  return (
    <ErrorState title={t("refused")} message={message}>
      {causes.length > 1 && (
        <ul className="mt-2 list-disc space-y-0.5 pl-5 text-red-700 dark:text-red-400">
          {causes.map((c, i) => (
            <li key={i}>
              {c.field && <code className="font-mono text-xs">{c.field}</code>}
              {c.field && ": "}
              {c.message ?? c.reason}
            </li>
          ))}
        </ul>
      )}
    </ErrorState>
  );
}

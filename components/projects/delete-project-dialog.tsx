"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmNameInput } from "@/components/ui/confirm-name-input";
import { ErrorState } from "@/components/ui/states";
import { Badge } from "@/components/ui/status-badge";
import { accessKey, projectsKey } from "@/lib/access/queries";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import { type ClusterResult, type Project, deleteProject, projectListKey, projectPath } from "./project-api";
import { useClusterLabel, usePhaseLabel } from "./project-ui";

const POLL_MS = 1000;
const gone = (e: unknown) => e instanceof ApiClientError && e.status === 404;

/**
 * Deleting a project: type its name, then follow each cluster's namespace from
 * Terminating to gone (GET every second until the project answers 404).
 */
export function DeleteProjectDialog({ open, onClose, project }: { open: boolean; onClose: () => void; project: Project }) {
  const t = useTranslations("projects.settings.delete");
  const qc = useQueryClient();
  const router = useRouter();
  const [finished, setFinished] = useState(false);
  const close = () => {
    onClose();
    if (finished) {
      // Not the project itself: its page would flash "not found" before the list opens.
      void qc.invalidateQueries({ queryKey: projectListKey });
      void qc.invalidateQueries({ queryKey: accessKey });
      router.push("/projects");
    } else void qc.invalidateQueries({ queryKey: projectsKey });
  };
  return (
    <Dialog open={open} onClose={close} title={t("title", { project: project.displayName || project.name })}>
      {open && <DeleteFlow project={project} onDone={close} onFinished={() => setFinished(true)} />}
    </Dialog>
  );
}

function DeleteFlow({ project, onDone, onFinished }: { project: Project; onDone: () => void; onFinished: () => void }) {
  const t = useTranslations("projects.settings.delete");
  const tc = useTranslations("common");
  const [typed, setTyped] = useState("");
  const [results, setResults] = useState<ClusterResult[]>();
  const run = useMutation({ mutationFn: () => deleteProject(project.tenant, project.name) });

  const confirmed = typed.trim() === project.name;
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!confirmed || run.isPending) return;
    run.mutate(undefined, {
      onSuccess: (res) => setResults(res?.results ?? []),
      // Gone already: what the user wanted.
      onError: (err) => {
        if (gone(err)) setResults([]);
      },
    });
  };

  if (results) return <Progress project={project} results={results} onDone={onDone} onFinished={onFinished} />;

  const pending = run.isPending;
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-busy={pending}>
      {run.isError && !gone(run.error) && <ErrorState title={t("failed")} message={run.error.message} />}
      <div className="space-y-2 text-sm">
        <p>{t("body", { project: project.displayName || project.name, clusters: project.clusters.length })}</p>
        <p className="font-medium text-red-700 dark:text-red-400">{t("irreversible")}</p>
      </div>
      <ConfirmNameInput label={t("typeName", { name: project.name })} value={typed} onChange={setTyped} disabled={pending} />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onDone} disabled={pending}>
          {tc("cancel")}
        </Button>
        <Button type="submit" variant="danger" disabled={!confirmed || pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}

function Progress({ project, results, onDone, onFinished }: { project: Project; results: ClusterResult[]; onDone: () => void; onFinished: () => void }) {
  const t = useTranslations("projects.settings.delete");
  const clusterLabel = useClusterLabel();
  const phaseLabel = usePhaseLabel();
  // Its own key: the project page keeps showing the project until the dialog closes.
  const poll = useQuery({
    queryKey: [...projectsKey, "deleting", project.tenant, project.name],
    queryFn: ({ signal }) => apiFetch<Project>(projectPath(project.tenant, project.name), { signal }),
    retry: false,
    refetchInterval: (q) => (gone(q.state.error) ? false : POLL_MS),
    refetchIntervalInBackground: true,
    gcTime: 0,
  });
  const done = gone(poll.error);
  useEffect(() => {
    if (done) onFinished();
  }, [done, onFinished]);
  // The dialog is open already: focus moves to the one action by hand.
  const action = useRef<HTMLButtonElement>(null);
  useEffect(() => action.current?.focus(), []);
  const failed = new Map(results.filter((r) => !r.ok).map((r) => [r.cluster, r.error ?? ""] as const));
  const clusters = [...new Set([...project.clusters.map((c) => c.cluster), ...results.map((r) => r.cluster)])];
  const state = (cluster: string): { key: "failed" | "gone" | "terminating" | "waiting"; phase?: string } => {
    if (failed.has(cluster)) return { key: "failed" };
    if (done) return { key: "gone" };
    const now = poll.data?.clusters.find((c) => c.cluster === cluster);
    if (poll.data && !now) return { key: "gone" };
    if (now) return { key: "terminating", phase: now.phase };
    return { key: "waiting" };
  };
  const tone = { failed: "red", gone: "green", terminating: "amber", waiting: "slate" } as const;
  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="text-sm">
        {done ? t("done", { project: project.name }) : t("inProgress")}
      </p>
      <ul className="space-y-2" aria-label={t("progressLabel")}>
        {clusters.map((c) => {
          const s = state(c);
          return (
            <li key={c} data-testid={`delete-progress-${c}`} data-state={s.key} className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={tone[s.key]}>{s.key === "terminating" && s.phase ? phaseLabel(s.phase) : t(`state.${s.key}`)}</Badge>
              <span className="font-medium">{clusterLabel(c)}</span>
              {s.key === "failed" && <span className="text-red-700 dark:text-red-400">{failed.get(c)}</span>}
            </li>
          );
        })}
      </ul>
      {poll.isError && !done && <ErrorState title={t("pollFailed")} message={poll.error.message} />}
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button ref={action} variant={done ? "primary" : "secondary"} onClick={onDone}>
          {done ? t("backToProjects") : t("closeWhileDeleting")}
        </Button>
      </div>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Form, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { sameName } from "@/components/ui/form-errors";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import { type HTTPRouteObject, httpRouteRules, ruleForPath } from "@/lib/k8s/kinds/httproute";
import { type IngressObject, ingressPaths } from "@/lib/k8s/kinds/ingress";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { type RouteKind, TRY_REQUESTS_DEFAULT, TRY_REQUESTS_MAX, type TryRouteAnswer, tryPathSchema, tryRouteAnswerSchema } from "@/lib/validations/route";
import { answeredVersions, measuredSplit } from "./try-view";
import { WeightBar } from "./weight-bar";

// "Try it": requests sent, server-side, through the cluster's gateway with the
// route's host, and where they landed — the split as measured, beside the
// split as configured.

type Values = { requests: string; path: string };

const tableWrap = "overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700";
const th = "px-3 py-2";
const td = "px-3 py-2 align-top";
const caption = "mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";

/** The path the server tries when none is given (the first rule's first path), as a placeholder. */
function defaultPath(kind: RouteKind, obj: KubeObject): string {
  if (kind === "Ingress") return ingressPaths(obj as IngressObject).find((p) => p.path)?.path ?? "/";
  const m = httpRouteRules(obj as HTTPRouteObject)[0]?.matches[0];
  return m && m.pathType !== "RegularExpression" ? m.path : "/";
}

export function TryItTab({ cluster, obj, kind }: { cluster: string; obj: KubeObject; kind: KindInfo }) {
  const t = useTranslations("workloads.tryIt");
  const routeKind = kind.kind as RouteKind;
  const placeholder = defaultPath(routeKind, obj);
  const form = useCheckedForm<Values>({ requests: String(TRY_REQUESTS_DEFAULT), path: "" }, (v) => {
    const errors: Record<string, string> = {};
    const n = Number(v.requests.trim());
    if (!/^\d+$/.test(v.requests.trim()) || n < 1 || n > TRY_REQUESTS_MAX) errors.requests = t("requestsInvalid", { max: TRY_REQUESTS_MAX });
    if (v.path.trim() && !tryPathSchema.safeParse(v.path.trim()).success) errors.path = t("pathInvalid");
    return errors;
  });
  const run = useMutation({
    mutationFn: async (v: Values) =>
      tryRouteAnswerSchema.parse(
        await apiFetch<unknown>("/api/routes/try", {
          method: "POST",
          body: { cluster, namespace: obj.metadata.namespace, kind: routeKind, name: obj.metadata.name, requests: Number(v.requests.trim()), ...(v.path.trim() ? { path: v.path.trim() } : {}) },
        }),
      ),
    onError: (e) => {
      // Field errors (422) land on the inputs; the other refusals are said below the form.
      if (e instanceof ApiClientError && e.status === 422) showServerErrors(form, e, sameName(["requests", "path"]));
    },
  });
  const failure = run.isError && !(run.error instanceof ApiClientError && run.error.status === 422) ? run.error : undefined;

  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
      <Form
        form={form}
        onSubmit={(v) => run.mutate(v)}
        pending={run.isPending}
        failed={t("failed")}
        className="grid items-start gap-4 sm:grid-cols-[10rem_minmax(12rem,24rem)]"
        actions={
          <div className="flex items-center gap-3">
            <Button type="submit" variant="primary" disabled={run.isPending}>
              {run.isPending ? t("sending") : t("send")}
            </Button>
            {run.isPending && (
              <span role="status" className="text-sm text-slate-600 dark:text-slate-300">
                {t("sendingBody", { count: Number(form.getValues("requests")) || TRY_REQUESTS_DEFAULT })}
              </span>
            )}
          </div>
        }
      >
        <TextField name="requests" label={t("requests")} hint={t("requestsHint", { max: TRY_REQUESTS_MAX })} type="number" min={1} max={TRY_REQUESTS_MAX} step={1} inputMode="numeric" />
        <TextField name="path" label={t("path")} hint={t("pathHint")} placeholder={placeholder} code />
      </Form>
      {failure && <TryFailure error={failure} />}
      {run.data && <TryResult answer={run.data} route={routeKind === "HTTPRoute" ? (obj as HTTPRouteObject) : undefined} />}
    </div>
  );
}

function TryFailure({ error }: { error: Error }) {
  const t = useTranslations("workloads.tryIt");
  const status = error instanceof ApiClientError ? error.status : 0;
  const title = status === 409 ? t("noGateway") : status === 503 ? t("unavailable") : status === 403 ? t("forbidden") : status === 404 ? t("notFound") : t("failed");
  return <ErrorState title={title} message={error.message} />;
}

function TryResult({ answer, route }: { answer: TryRouteAnswer; route?: HTTPRouteObject }) {
  const t = useTranslations("workloads.tryIt");
  const split = measuredSplit(answer.backends);
  const versions = answeredVersions(answer.backends);
  const ruleIndex = route ? ruleForPath(route, answer.path) : -1;
  const configured = route && ruleIndex >= 0 ? httpRouteRules(route)[ruleIndex].backends : [];
  const statuses = Object.entries(answer.statuses).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-label={t("result")} className="space-y-4" data-testid="try-result" data-versions={versions.join(",")} data-answered={answer.answered} data-failed={answer.failed}>
      <p className="text-sm">
        {t.rich("summary", {
          answered: answer.answered,
          sent: answer.sent,
          ms: answer.durationMs,
          gateway: answer.gateway,
          host: answer.host,
          path: answer.path,
          code: (c) => <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{c}</code>,
        })}
      </p>
      {statuses.length > 0 && (
        <ul aria-label={t("statuses")} className="flex flex-wrap gap-2 text-xs">
          {statuses.map(([code, n]) => (
            <li key={code} className={`rounded px-2 py-0.5 font-mono ${code.startsWith("2") ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-300" : "bg-amber-50 text-amber-900 dark:bg-amber-950/40 dark:text-amber-300"}`}>
              {t("statusCount", { code, count: n })}
            </li>
          ))}
        </ul>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {configured.length > 0 && (
          <div>
            <p className={caption}>{t("configured", { n: ruleIndex + 1 })}</p>
            <WeightBar segments={configured.map((b) => ({ label: b.name, weight: b.weight }))} label={t("configured", { n: ruleIndex + 1 })} testId="try-configured" />
          </div>
        )}
        <div>
          <p className={caption}>{t("measured")}</p>
          {split.length ? (
            <WeightBar segments={split.map((s) => ({ label: s.label, weight: s.count }))} label={t("measured")} testId="try-measured" />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("noAnswers")}</p>
          )}
        </div>
      </div>
      {answer.backends.length > 0 && (
        <div className={tableWrap}>
          <table className="w-full text-left text-sm" aria-label={t("byPod")}>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
              <tr>
                <th className={th}>{t("pod")}</th>
                <th className={th}>{t("version")}</th>
                <th className={th}>{t("image")}</th>
                <th className={`${th} text-right`}>{t("count")}</th>
                <th className={`${th} text-right`}>{t("percent")}</th>
              </tr>
            </thead>
            <tbody>
              {answer.backends.map((b) => (
                <tr key={`${b.namespace}/${b.pod}`} className="border-t border-slate-100 dark:border-slate-800" data-testid={`try-pod-${b.pod}`} data-version={b.version ?? ""} data-count={b.count}>
                  <td className={`${td} font-mono text-xs`}>{b.pod}</td>
                  <td className={td}>{b.version ?? "—"}</td>
                  <td className={`${td} font-mono text-xs`}>{b.image ?? "—"}</td>
                  <td className={`${td} text-right tabular-nums`}>{b.count}</td>
                  <td className={`${td} text-right tabular-nums`}>{b.percent} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {answer.failed > 0 && (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950/40">
          <p className="font-medium text-amber-900 dark:text-amber-200">{t("failedRequests", { count: answer.failed })}</p>
          {answer.errors.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-amber-900 dark:text-amber-300">
              {answer.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

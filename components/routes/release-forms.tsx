"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Form, FormActions, showServerErrors } from "@/components/ui/form";
import { ErrorState } from "@/components/ui/states";
import { kubeWrite } from "@/lib/client/kube";
import { CANARY_STEPS, GATEWAY_GROUP, type HTTPRouteObject, type Release, canaryWeights, releaseOf, switchWeights, weightsPatch } from "@/lib/k8s/kinds/httproute";
import { kindInfo } from "@/lib/k8s/kinds/kind";
import { WeightBar } from "./weight-bar";

// Blue-green and canary on an HTTPRoute's rule of two backends. Each change is
// one JSON patch of that rule's weights, which first tests the backends'
// names: a route changed meanwhile is refused, not patched blindly.

const HTTP_ROUTES = kindInfo({ slug: "httproutes", kind: "HTTPRoute", group: GATEWAY_GROUP, version: "v1" });

function writeWeights(cluster: string, route: HTTPRouteObject, ruleIndex: number, weights: number[]) {
  const p = weightsPatch(route, ruleIndex, weights);
  return kubeWrite<HTTPRouteObject>(cluster, HTTP_ROUTES.objectPath(route.metadata.namespace ?? "", route.metadata.name ?? ""), { method: "PATCH", patch: "json", body: p.body });
}

const noField = () => undefined;

function Split({ release, weights, label }: { release: Release; weights: [number, number]; label: string }) {
  return <WeightBar segments={[{ label: release.stable.name, weight: weights[0] }, { label: release.canary.name, weight: weights[1] }]} label={label} />;
}

/** Blue-green: all of the rule's traffic to the backend that has less of it, in one write; the same button switches back. */
export function SwitchForm({ cluster, route, onDone }: { cluster: string; route: HTTPRouteObject; onDone: () => void }) {
  const t = useTranslations("workloads.release");
  const form = useForm();
  const release = releaseOf(route);
  const run = useMutation({
    mutationFn: (r: Release) => writeWeights(cluster, route, r.ruleIndex, switchWeights(r.active === 0 ? 1 : 0)),
    onSuccess: onDone,
    onError: (e) => showServerErrors(form, e, noField),
  });
  if (!release) return <ErrorState title={t("noRelease")} message={t("noReleaseBody")} />;
  const to = release.active === 0 ? release.canary : release.stable;
  const from = release.active === 0 ? release.stable : release.canary;
  const after = switchWeights(release.active === 0 ? 1 : 0);
  const rules = route.spec?.rules?.length ?? 0;
  return (
    <Form
      form={form}
      onSubmit={() => run.mutate(release)}
      pending={run.isPending}
      failed={t("switchFailed")}
      actions={<FormActions onCancel={onDone} submit={t("switch")} submitting={t("switching")} pending={run.isPending} focusCancel />}
    >
      <p className="text-sm">{t("switchBody", { to: to.name, from: from.name })}</p>
      {rules > 1 && <p className="text-xs text-slate-500 dark:text-slate-400">{t("ruleOnly", { n: release.ruleIndex + 1 })}</p>}
      <div className="space-y-3">
        <div>
          <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{t("now")}</p>
          <Split release={release} weights={[release.stable.weight, release.canary.weight]} label={t("now")} />
        </div>
        <div>
          <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{t("after")}</p>
          <Split release={release} weights={after} label={t("after")} />
        </div>
      </div>
    </Form>
  );
}

/**
 * Canary: the second backend's share in steps (10 → 25 → 50 → 100) against the
 * first; the current step is read from the weights. Each button writes at
 * once; the panel shows the route as it is now.
 */
export function CanaryPanel({ cluster, route, onClose }: { cluster: string; route: HTTPRouteObject; onClose: () => void }) {
  const t = useTranslations("workloads.release");
  // The answer of the last write, until the live route catches up with it.
  const [written, setWritten] = useState<{ from?: string; route: HTTPRouteObject }>();
  const shown = written && written.from === route.metadata.resourceVersion ? written.route : route;
  const release = releaseOf(shown);
  const run = useMutation({
    mutationFn: ({ r, percent }: { r: Release; percent: number; from?: string }) => writeWeights(cluster, shown, r.ruleIndex, canaryWeights(percent)),
    onSuccess: (out, { from }) => setWritten({ from, route: out }),
  });
  if (!release) return <ErrorState title={t("noRelease")} message={t("noReleaseBody")} />;
  const state = release.canaryState;
  const pct = Math.round(state.percent * 10) / 10;
  const go = (percent: number) => run.mutate({ r: release, percent, from: route.metadata.resourceVersion });
  const points = [0, ...CANARY_STEPS];
  return (
    <div className="space-y-4" data-testid="canary-panel" data-percent={pct} data-step={state.step ?? ""}>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{t("stable")}</dt>
          <dd className="font-mono">{release.stable.name}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{t("canaryBackend")}</dt>
          <dd className="font-mono">{release.canary.name}</dd>
        </div>
      </dl>
      <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="canary-step">
        {state.step === undefined
          ? t("betweenSteps", { percent: pct, canary: release.canary.name })
          : state.step === 0
            ? t("atStart", { stable: release.stable.name })
            : t("atStep", { percent: state.step, canary: release.canary.name })}
      </p>
      <ol aria-label={t("steps")} className="flex flex-wrap items-center gap-2 text-sm">
        {points.map((p, i) => {
          const current = state.step === p;
          const done = state.percent > p + 0.5;
          return (
            <li key={p} className="flex items-center gap-2">
              {i > 0 && (
                <span aria-hidden className="text-slate-400">
                  →
                </span>
              )}
              <span
                aria-current={current ? "step" : undefined}
                className={`rounded-full border px-2.5 py-0.5 tabular-nums ${
                  current
                    ? "border-sky-600 bg-sky-50 font-semibold text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                    : done
                      ? "border-emerald-300 text-emerald-800 dark:border-emerald-700 dark:text-emerald-300"
                      : "border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-300"
                }`}
              >
                {p} %
              </span>
            </li>
          );
        })}
      </ol>
      <Split release={release} weights={[release.stable.weight, release.canary.weight]} label={t("now")} />
      {route.spec?.rules && route.spec.rules.length > 1 && <p className="text-xs text-slate-500 dark:text-slate-400">{t("ruleOnly", { n: release.ruleIndex + 1 })}</p>}
      {run.isError && <ErrorState title={t("stepFailed")} message={run.error.message} />}
      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onClose}>{t("close")}</Button>
        <Button variant="danger" onClick={() => go(0)} disabled={run.isPending || state.step === 0}>
          {t("rollBack")}
        </Button>
        <Button onClick={() => go(100)} disabled={run.isPending || state.step === 100}>
          {t("promote")}
        </Button>
        <Button variant="primary" onClick={() => state.next !== undefined && go(state.next)} disabled={run.isPending || state.next === undefined}>
          {state.next === undefined ? t("done") : t("nextStep", { percent: state.next })}
        </Button>
      </div>
    </div>
  );
}

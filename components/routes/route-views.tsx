"use client";

import { Section } from "@/components/ui/section";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/workloads/columns";
import type { Condition } from "@/lib/k8s/kinds/common";
import { type GatewayObject, gatewayListeners } from "@/lib/k8s/kinds/gateway";
import { type HTTPRouteObject, type BackendShare, backendText, httpRouteRules, matchText, parentStatus, roundedPercents, routeParents, routeTone } from "@/lib/k8s/kinds/httproute";
import { type IngressObject, ingressAddresses, ingressPaths, ingressTLS } from "@/lib/k8s/kinds/ingress";
import { detailHref } from "@/lib/k8s/kinds/kind";
import { WeightBar } from "./weight-bar";

// What a route or gateway is made of, under its summary: rules with their
// backends' shares, parents with what their controller said, listeners.

const tableWrap = "overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700";
const theadClass = "bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-800/60 dark:text-slate-300";
const th = "px-3 py-2";
const td = "px-3 py-2 align-top";


/** A Service backend in the route's namespace links to the Service's page. */
function BackendName({ cluster, ns, b }: { cluster: string; ns: string; b: Pick<BackendShare, "name" | "namespace" | "kind" | "port"> }) {
  const text = backendText(b);
  if (b.kind !== "Service") return <span className="font-mono text-xs">{text}</span>;
  return (
    <Link href={detailHref(cluster, b.namespace ?? ns, "services", b.name)} className="font-mono text-xs text-sky-800 hover:underline dark:text-sky-300">
      {text}
    </Link>
  );
}

/** Conditions as their controller wrote them, one row each. */
export function ConditionRows({ conditions, label }: { conditions: Condition[]; label: string }) {
  const t = useTranslations("workloads.detail");
  if (!conditions.length) return null;
  return (
    <div className={tableWrap}>
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className={theadClass}>
          <tr>
            <th className={th}>{t("conditionType")}</th>
            <th className={th}>{t("conditionStatus")}</th>
            <th className={th}>{t("conditionReason")}</th>
            <th className={th}>{t("conditionMessage")}</th>
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.type} className="border-t border-slate-100 dark:border-slate-800" data-testid={`condition-${c.type}`} data-status={c.status}>
              <td className={`${td} font-medium`}>{c.type}</td>
              <td className={td}>
                <Badge tone={c.status === "True" ? "green" : c.status === "False" ? "red" : "slate"}>{c.status}</Badge>
              </td>
              <td className={td}>{c.reason ?? "—"}</td>
              <td className={`${td} text-slate-600 dark:text-slate-400`}>{c.message ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A route's parents and, for each, what its controller said (Accepted, ResolvedRefs…). */
function RouteParents({ route }: { route: HTTPRouteObject }) {
  const t = useTranslations("workloads.routes");
  const parents = routeParents(route);
  if (!parents.length) return <EmptyState title={t("noParents")} />;
  return (
    <ul className="space-y-3">
      {parents.map((p) => {
        const status = parentStatus(p);
        return (
          <li key={p.label} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid={`parent-${p.label}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-sm">{p.label}</span>
              <StatusBadge status={status} tone={routeTone(status)} />
              {p.controllerName && <span className="text-xs text-slate-500 dark:text-slate-400">{t("reportedBy", { controller: p.controllerName })}</span>}
            </div>
            {p.conditions.length ? <ConditionRows conditions={p.conditions} label={t("parentConditions", { parent: p.label })} /> : <p className="text-sm text-slate-500 dark:text-slate-400">{t("notReported")}</p>}
          </li>
        );
      })}
    </ul>
  );
}

/** A rule's backends: weight, share and a bar of the split. */
export function RuleBackends({ cluster, ns, backends, label }: { cluster: string; ns: string; backends: BackendShare[]; label: string }) {
  const t = useTranslations("workloads.routes");
  const pct = roundedPercents(backends.map((b) => b.weight));
  if (!backends.length) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("noBackends")}</p>;
  return (
    <div className="space-y-2">
      <WeightBar segments={backends.map((b) => ({ label: b.name, weight: b.weight }))} label={label} />
      <div className={tableWrap}>
        <table className="w-full text-left text-sm" aria-label={label}>
          <thead className={theadClass}>
            <tr>
              <th className={th}>{t("backend")}</th>
              <th className={`${th} text-right`}>{t("weight")}</th>
              <th className={`${th} text-right`}>{t("share")}</th>
            </tr>
          </thead>
          <tbody>
            {backends.map((b, i) => (
              <tr key={`${backendText(b)}-${i}`} className="border-t border-slate-100 dark:border-slate-800" data-testid={`backend-${b.name}`} data-weight={b.weight} data-share={pct[i]}>
                <td className={td}>
                  <BackendName cluster={cluster} ns={ns} b={b} />
                </td>
                <td className={`${td} text-right tabular-nums`}>{b.weight}</td>
                <td className={`${td} text-right tabular-nums`}>{pct[i]} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function HttpRouteRelated({ cluster, obj }: { cluster: string; obj: HTTPRouteObject }) {
  const t = useTranslations("workloads.routes");
  const ns = obj.metadata.namespace ?? "";
  const rules = httpRouteRules(obj);
  return (
    <>
      <Section id="related-rules" title={t("rules")}>
        {rules.length === 0 ? (
          <EmptyState title={t("noRules")} />
        ) : (
          <ol className="space-y-3">
            {rules.map((r) => (
              <li key={r.index} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid={`rule-${r.index}`}>
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="text-sm font-semibold">{r.name ? t("ruleNamed", { n: r.index + 1, name: r.name }) : t("ruleN", { n: r.index + 1 })}</span>
                  <ul className="flex flex-wrap gap-1">
                    {r.matches.map((m, j) => (
                      <li key={j} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                        {matchText(m)}
                      </li>
                    ))}
                  </ul>
                </div>
                <RuleBackends cluster={cluster} ns={ns} backends={r.backends} label={t("ruleBackends", { n: r.index + 1 })} />
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section id="related-parents" title={t("parents")}>
        <RouteParents route={obj} />
      </Section>
    </>
  );
}

export function IngressRelated({ cluster, obj }: { cluster: string; obj: IngressObject }) {
  const t = useTranslations("workloads.routes");
  const ns = obj.metadata.namespace ?? "";
  const paths = ingressPaths(obj);
  const tls = ingressTLS(obj);
  return (
    <>
      <Section id="related-rules" title={t("rules")}>
        {paths.length === 0 ? (
          <EmptyState title={t("noRules")} />
        ) : (
          <div className={tableWrap}>
            <table className="w-full text-left text-sm" aria-label={t("rules")}>
              <thead className={theadClass}>
                <tr>
                  <th className={th}>{t("host")}</th>
                  <th className={th}>{t("path")}</th>
                  <th className={th}>{t("pathType")}</th>
                  <th className={th}>{t("backend")}</th>
                </tr>
              </thead>
              <tbody>
                {paths.map((p, i) => (
                  <tr key={i} className="border-t border-slate-100 dark:border-slate-800" data-testid={`ingress-path-${i}`}>
                    <td className={`${td} font-mono text-xs`}>{p.host}</td>
                    <td className={`${td} font-mono text-xs`}>{p.path || t("defaultBackend")}</td>
                    <td className={td}>{p.pathType}</td>
                    <td className={td}>
                      {p.service ? (
                        <Link href={detailHref(cluster, ns, "services", p.service)} className="font-mono text-xs text-sky-800 hover:underline dark:text-sky-300">
                          {p.backend}
                        </Link>
                      ) : (
                        <span className="font-mono text-xs">{p.backend}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section id="related-tls" title={t("tls")}>
        {tls.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("noTls")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {tls.map((x, i) => (
              <li key={i} className="flex flex-wrap gap-2">
                <span className="font-mono text-xs">{x.hosts.join(", ") || "*"}</span>
                <span className="text-slate-500">→</span>
                {x.secretName ? (
                  <Link href={detailHref(cluster, ns, "secrets", x.secretName)} className="font-mono text-xs text-sky-800 hover:underline dark:text-sky-300">
                    {x.secretName}
                  </Link>
                ) : (
                  <span className="text-xs text-slate-500">{t("noSecret")}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {ingressAddresses(obj).length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">{t("noAddress")}</p>}
    </>
  );
}

export function GatewayRelated({ obj }: { cluster: string; obj: GatewayObject }) {
  const t = useTranslations("workloads.routes");
  const listeners = gatewayListeners(obj);
  return (
    <Section id="related-listeners" title={t("listeners")}>
      {listeners.length === 0 ? (
        <EmptyState title={t("noListeners")} />
      ) : (
        <ul className="space-y-3">
          {listeners.map((l) => (
            <li key={l.name} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid={`listener-${l.name}`}>
              <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3 lg:grid-cols-6">
                {(
                  [
                    [t("listener"), l.name],
                    [t("protocol"), l.protocol],
                    [t("port"), String(l.port)],
                    [t("host"), l.hostname ?? "*"],
                    [t("allowedRoutes"), l.allowedRoutes],
                    [t("attachedRoutes"), l.attachedRoutes === undefined ? "—" : String(l.attachedRoutes)],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k} className="min-w-0">
                    <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{k}</dt>
                    <dd className="break-words font-mono text-xs">{v}</dd>
                  </div>
                ))}
              </dl>
              <ConditionRows conditions={l.conditions} label={t("listenerConditions", { listener: l.name })} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/states";
import { type ConfigMapObject, base64Length, configMapKeys } from "@/lib/k8s/kinds/configmap";
import { formatBytes } from "@/lib/k8s/quantity";
import { CopyButton } from "./secret-data";

export function ConfigMapData({ configMap }: { configMap: ConfigMapObject }) {
  const t = useTranslations("workloads.configmap");
  const keys = configMapKeys(configMap);
  if (keys.length === 0) return <EmptyState title={t("noKeys")} />;
  return (
    <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700" data-testid="configmap-data">
      {keys.map((k) => {
        const text = configMap.data?.[k];
        const bin = configMap.binaryData?.[k];
        return (
          <div key={k} className="space-y-1 p-3">
            <div className="flex items-center gap-2">
              <dt className="font-mono text-sm font-medium">{k}</dt>
              {text !== undefined && (
                <div className="ml-auto">
                  <CopyButton text={text} label={t("copyKey", { key: k })} />
                </div>
              )}
            </div>
            <dd>
              {text !== undefined ? (
                <pre className="max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-800/60">{text}</pre>
              ) : (
                <span className="text-sm text-slate-600 dark:text-slate-400">{t("binary", { size: formatBytes(base64Length(bin ?? "")) })}</span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/status-badge";
import type { ObjectDiff, PreviewAnswer } from "@/lib/query/apps";
import { changeCounts } from "./apps-model";

// What an install or upgrade would change, object by object: the changed
// ones with their lines (+ green, - red, skipped context as ⋯), the added
// and removed ones whole (folded), the unchanged ones named.

const TONES: Record<ObjectDiff["change"], Tone> = { added: "green", removed: "red", changed: "amber", unchanged: "slate" };

function lineClass(l: string) {
  if (l.startsWith("+")) return "bg-emerald-950/70 text-emerald-200";
  if (l.startsWith("-")) return "bg-red-950/70 text-red-200";
  return "text-slate-300";
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <pre className="max-h-96 overflow-auto rounded-md bg-slate-950 py-2 font-mono text-xs leading-5">
      {lines.map((l, i) =>
        l === "@@" ? (
          <div key={i} className="px-3 text-slate-500 select-none" aria-label="…">
            ⋯
          </div>
        ) : (
          <div key={i} className={`px-3 whitespace-pre ${lineClass(l)}`} data-line={l[0] === "+" ? "added" : l[0] === "-" ? "removed" : "context"}>
            {l}
          </div>
        ),
      )}
    </pre>
  );
}

/** Pure: a preview's objects and their changes. */
export function DiffView({ preview }: { preview: PreviewAnswer }) {
  const t = useTranslations("apps.preview");
  const counts = changeCounts(preview.objects);
  return (
    <div className="space-y-3" data-testid="preview">
      <p className="text-sm" role="status">
        {preview.installed ? t("summaryUpgrade", counts) : t("summaryInstall", counts)}
      </p>
      {preview.objects.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">{t("nothing")}</p>}
      <ul className="space-y-2">
        {preview.objects.map((o) => (
          <li key={`${o.apiVersion}/${o.kind}/${o.namespace ?? ""}/${o.name}`} data-testid={`diff-${o.kind}-${o.name}`} data-change={o.change}>
            <details open={o.change === "changed"} className="rounded-md border border-slate-200 dark:border-slate-700">
              <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm">
                <Badge tone={TONES[o.change]}>{t(`change.${o.change}`)}</Badge>
                <span className="font-medium">{o.kind}</span>
                <span className="min-w-0 truncate font-mono">{o.name}</span>
                <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">{o.apiVersion}</span>
              </summary>
              <div className="border-t border-slate-200 p-2 dark:border-slate-700">
                {o.lines.length ? <Lines lines={o.lines} /> : <p className="px-1 text-xs text-slate-500 dark:text-slate-400">{t("same")}</p>}
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

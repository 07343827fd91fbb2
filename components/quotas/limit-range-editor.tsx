"use client";

import { useTranslations } from "next-intl";
import { type LimitRangeObject, PROJECT_LIMITS, limitRangePath, limitRangesPath } from "@/lib/k8s/kinds/resourcequota";
import { type ObjectEditorConfig, ProjectObjectEditor } from "./project-object-editor";
import { LIMIT_FIELDS, LIMIT_RESOURCES, type LimitType, type LimitValues, limitIssuesAt } from "./quota-model";
import { LimitGrid, useFormLimits } from "./quota-ui";

type LimitItem = NonNullable<NonNullable<LimitRangeObject["spec"]>["limits"]>[number];

const TYPES: LimitType[] = ["Container", "Pod"];

/** Per type: field → resource → quantity text. */
type LimitRangeValues = Record<LimitType, LimitValues>;

const itemOf = (lr: LimitRangeObject | undefined, type: LimitType) => lr?.spec?.limits?.find((x) => x.type === type);

function toValues(lr: LimitRangeObject | undefined): LimitRangeValues {
  const of = (type: LimitType): LimitValues =>
    Object.fromEntries(LIMIT_FIELDS[type].map((f) => [f, Object.fromEntries(LIMIT_RESOURCES.map((r) => [r, itemOf(lr, type)?.[f]?.[r] ?? ""]))]));
  return { Container: of("Container"), Pod: of("Pod") };
}

/** The loaded limits with the form's values in place; other types and resources stay as they were. */
function toSpec(v: LimitRangeValues, current: LimitRangeObject | undefined): LimitRangeObject["spec"] {
  const items = current?.spec?.limits ?? [];
  const limits: LimitItem[] = items.filter((x) => !TYPES.includes(x.type as LimitType));
  for (const type of TYPES) {
    const item: LimitItem = { ...(itemOf(current, type) ?? { type }) };
    for (const f of LIMIT_FIELDS[type]) {
      const list: Record<string, string> = { ...(item[f] ?? {}) };
      for (const r of LIMIT_RESOURCES) {
        const value = (v[type]?.[f]?.[r] ?? "").trim();
        if (value) list[r] = value;
        else delete list[r];
      }
      if (Object.keys(list).length) item[f] = list;
      else delete item[f];
    }
    if (Object.keys(item).some((k) => k !== "type")) limits.push(item);
  }
  return { ...(current?.spec ?? {}), limits };
}

const CONFIG: ObjectEditorConfig<LimitRangeObject, LimitRangeValues> = {
  object: { kind: "LimitRange", name: PROJECT_LIMITS, resource: "core/limitranges", path: limitRangePath, collectionPath: limitRangesPath },
  messages: "quotas.limitRange",
  testId: "limit-range-editor",
  toValues,
  check: (v) => Object.assign({}, ...TYPES.map((type) => limitIssuesAt(type, v[type] ?? {}, LIMIT_FIELDS[type]))),
  toSpec,
  fieldsClassName: "grid gap-6 lg:grid-cols-2",
};

/**
 * The project's LimitRange "defaults" on one cluster: for containers and pods,
 * min and max, the defaults containers get when they declare nothing, and the
 * largest limit-to-request ratio.
 */
export function LimitRangeEditor(place: { cluster: string; namespace: string; clusterLabel?: string }) {
  return (
    <ProjectObjectEditor {...place} config={CONFIG}>
      {() => TYPES.map((type) => <TypeLimits key={type} type={type} />)}
    </ProjectObjectEditor>
  );
}

function TypeLimits({ type }: { type: LimitType }) {
  const t = useTranslations("quotas.limitRange");
  const { bind, errorText } = useFormLimits(type, LIMIT_FIELDS[type]);
  return (
    <div className="space-y-2">
      <LimitGrid caption={t(`type.${type}`)} fields={LIMIT_FIELDS[type]} resources={LIMIT_RESOURCES} bind={bind} errorText={errorText} />
      <p className="text-xs text-slate-500 dark:text-slate-400">{t(`typeHint.${type}`)}</p>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/ui/field";
import { type ClusterMeta, type LabelRow, labelField } from "./cluster-form-model";
import { LabelsEditor } from "./labels-editor";

/** Display name, description, labels and Prometheus address: what both cluster forms edit. */
export function ClusterMetaFields({
  value,
  onChange,
  errorText,
  firstFieldRef,
}: {
  value: ClusterMeta;
  onChange: (patch: Partial<ClusterMeta>, changedFields: string[]) => void;
  errorText: (field: string) => string | undefined;
  /** Set when the display name is the first field of its dialog. */
  firstFieldRef?: (el: HTMLElement | null) => void;
}) {
  const t = useTranslations("clusters.form");
  return (
    <>
      <Field label={t("displayName")} hint={t("displayNameHint")} error={errorText("displayName")}>
        {(p) => (
          <input
            {...p}
            ref={firstFieldRef}
            type="text"
            value={value.displayName}
            onChange={(e) => onChange({ displayName: e.target.value }, ["displayName"])}
            maxLength={100}
            autoComplete="off"
            className={inputClass}
          />
        )}
      </Field>
      <Field label={t("description")} error={errorText("description")}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={value.description}
            onChange={(e) => onChange({ description: e.target.value }, ["description"])}
            maxLength={500}
            className={inputClass}
          />
        )}
      </Field>
      <LabelsEditor
        rows={value.labels}
        onChange={(labels) => onChange({ labels }, changedRows(value.labels, labels))}
        errorText={errorText}
      />
      <Field label={t("prometheusURL")} hint={t("prometheusURLHint")} error={errorText("prometheusURL")}>
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            value={value.prometheusURL}
            onChange={(e) => onChange({ prometheusURL: e.target.value }, ["prometheusURL"])}
            placeholder={t("prometheusURLPlaceholder")}
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
          />
        )}
      </Field>
    </>
  );
}

/** Field names of the rows that were edited or removed, whose errors no longer apply. */
function changedRows(before: LabelRow[], after: LabelRow[]): string[] {
  return before
    .filter((old) => {
      const now = after.find((r) => r.id === old.id);
      return !now || now.key !== old.key || now.value !== old.value;
    })
    .map(labelField);
}

"use client";

import { useTranslations } from "next-intl";
import { CheckField, SelectField, TextField } from "@/components/ui/form";
import type { ValueField, ValueNode } from "./values-model";

// The form a chart's values schema describes (values-model.ts): a field per
// value (its title as the label, its description and key as the hint), each
// object a fieldset. Bound by name to the form's "f" values.

/** The description, and the key when the title does not say it already. */
const hintOf = (n: { title: string; description?: string; path: string[] }) =>
  [n.description, n.path.length > 1 || n.title !== n.path[0] ? n.path.join(".") : ""].filter(Boolean).join(" · ");

function Field({ f }: { f: ValueField }) {
  const t = useTranslations("apps.install");
  const name = `f.${f.id}`;
  const hint = hintOf(f) || undefined;
  switch (f.kind) {
    case "boolean":
      return <CheckField name={name} label={f.title} hint={hint} />;
    case "enum":
      return (
        <SelectField
          name={name}
          label={f.title}
          hint={hint}
          options={(f.options ?? []).map((o, i) => ({ value: String(i), label: typeof o === "string" ? o : JSON.stringify(o) }))}
          placeholder={f.required ? undefined : t("unset")}
        />
      );
    case "integer":
    case "number": {
      const min = f.minimum ?? f.exclusiveMinimum;
      const max = f.maximum ?? f.exclusiveMaximum;
      return <TextField name={name} label={f.title} hint={hint} type="number" step={f.kind === "integer" ? 1 : "any"} min={min} max={max} required={f.required} code />;
    }
    case "yaml":
      return <TextField name={name} label={f.title} hint={[hint, t("yamlHint")].filter(Boolean).join(" · ")} rows={4} code />;
    default:
      return <TextField name={name} label={f.title} hint={hint} required={f.required} maxLength={f.maxLength} />;
  }
}

/** The schema's groups and fields, nested as the values are. */
export function ValuesFields({ nodes }: { nodes: ValueNode[] }) {
  return (
    <>
      {nodes.map((n) =>
        n.node === "field" ? (
          <Field key={n.id} f={n} />
        ) : (
          <fieldset key={n.path.join(".")} className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid={`values-group-${n.path.join(".")}`}>
            <legend className="px-1 text-sm font-semibold">{n.title}</legend>
            {hintOf(n) && <p className="text-xs text-slate-500 dark:text-slate-400">{hintOf(n)}</p>}
            <ValuesFields nodes={n.children} />
          </fieldset>
        ),
      )}
    </>
  );
}

import type { ParamSpec } from "@/lib/k8s/kinds/pipeline";
import type { ParamValue } from "@/lib/k8s/kinds/pipeline-run";

// The start form's values: one text per param, by its index (param names may
// hold dots, which react-hook-form reads as paths). A list param is a line per
// item, an object param a "key=value" line per key. Pure.

export interface StartFormValues {
  p: string[];
}

const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter((l) => l !== "");

function textOf(spec: ParamSpec, v: unknown): string {
  if (v === undefined || v === null) return "";
  if ((spec.type ?? "string") === "array" && Array.isArray(v)) return v.map(String).join("\n");
  if (spec.type === "object" && typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${String(x)}`).join("\n");
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The form's first values: the run's values where given (a rerun), else each param's default. */
export function startFormValues(specs: ParamSpec[], given: Record<string, ParamValue> = {}): StartFormValues {
  return { p: specs.map((s) => textOf(s, Object.hasOwn(given, s.name) ? given[s.name] : s.default)) };
}

export type StartFormError = { index: number; key: "objectLine" | "required"; line?: string };

/**
 * The params the form sends, every one of them (the form starts from the
 * defaults, so what is shown is what runs). An empty text is a value when the
 * param has a default (the user cleared it); without one it is missing.
 */
export function startFormParams(specs: ParamSpec[], values: StartFormValues): { params: Record<string, ParamValue>; errors: StartFormError[] } {
  const params: Record<string, ParamValue> = {};
  const errors: StartFormError[] = [];
  specs.forEach((s, index) => {
    const text = values.p[index] ?? "";
    const type = s.type ?? "string";
    if (type === "array") {
      params[s.name] = lines(text);
    } else if (type === "object") {
      const obj: Record<string, string> = {};
      for (const line of lines(text)) {
        const at = line.indexOf("=");
        if (at <= 0) {
          errors.push({ index, key: "objectLine", line });
          return;
        }
        obj[line.slice(0, at).trim()] = line.slice(at + 1).trim();
      }
      params[s.name] = obj;
    } else {
      if (text === "" && s.default === undefined) {
        errors.push({ index, key: "required" });
        return;
      }
      params[s.name] = text;
    }
  });
  return { params, errors };
}

/** The form field a server error "params.<name>" belongs on. */
export function paramField(specs: ParamSpec[], field: string): string | undefined {
  if (!field.startsWith("params.")) return undefined;
  const i = specs.findIndex((s) => s.name === field.slice("params.".length));
  return i < 0 ? undefined : `p.${i}`;
}

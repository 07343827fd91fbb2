import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { loadMessages, namespaces } from "./messages";

type Tree = { [k: string]: string | Tree };

function leaves(t: Tree, prefix = ""): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

// Every namespace of both languages: the same keys, and every text formats.
describe("messages", async () => {
  const en = await loadMessages("en");
  const zh = await loadMessages("zh-CN");

  it.each([...namespaces])("%s has the same keys in both locales", (ns) => {
    expect(leaves(zh[ns] as Tree).map(([k]) => k).sort()).toEqual(leaves(en[ns] as Tree).map(([k]) => k).sort());
  });

  it.each(["en", "zh-CN"].flatMap((locale) => namespaces.map((ns) => [locale, ns] as const)))("%s: every %s text formats", (locale, ns) => {
    const messages = (locale === "en" ? en : zh)[ns] as Tree;
    const errors: string[] = [];
    const t = createTranslator({ locale, messages: { [ns]: messages }, namespace: ns, onError: (e) => errors.push(e.message) });
    for (const [key, text] of leaves(messages)) {
      const values: Record<string, string | number | ((c: React.ReactNode) => string)> = {};
      for (const m of text.matchAll(/\{(\w+)/g)) values[m[1]] = 1;
      for (const m of text.matchAll(/<(\w+)>/g)) values[m[1]] = () => "x";
      // @ts-expect-error keys are checked at run time here
      const out = text.includes("<") ? t.rich(key, values) : t(key, values);
      expect(out, key).toBeTruthy();
    }
    expect(errors).toEqual([]);
  });
});

import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en/workloads.json";
import zh from "@/messages/zh-CN/workloads.json";

type Tree = { [k: string]: string | Tree };

function leaves(t: Tree, prefix = ""): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

describe("workloads messages", () => {
  it("have the same keys in both locales", () => {
    expect(leaves(zh as Tree).map(([k]) => k).sort()).toEqual(leaves(en as Tree).map(([k]) => k).sort());
  });

  it.each([
    ["en", en],
    ["zh-CN", zh],
  ])("all format in %s", (locale, messages) => {
    const errors: string[] = [];
    const t = createTranslator({ locale, messages: { workloads: messages }, namespace: "workloads", onError: (e) => errors.push(e.message) });
    for (const [key, text] of leaves(messages as Tree)) {
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

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";
import { parseInline, parseMarkdown, safeHref } from "./markdown-model";

const html = (md: string) => renderToStaticMarkup(<Markdown text={md} />);

describe("parseInline", () => {
  it("reads code, bold, italic and links", () => {
    expect(parseInline("a `x*y` **b** *c* _d_ [e](https://e.example)")).toEqual([
      { t: "text", v: "a " },
      { t: "code", v: "x*y" },
      { t: "text", v: " " },
      { t: "strong", c: [{ t: "text", v: "b" }] },
      { t: "text", v: " " },
      { t: "em", c: [{ t: "text", v: "c" }] },
      { t: "text", v: " " },
      { t: "em", c: [{ t: "text", v: "d" }] },
      { t: "text", v: " " },
      { t: "link", href: "https://e.example", c: [{ t: "text", v: "e" }] },
    ]);
  });

  it("nests emphasis in links and links in emphasis", () => {
    expect(parseInline("**[go](https://x.example)**")).toEqual([{ t: "strong", c: [{ t: "link", href: "https://x.example", c: [{ t: "text", v: "go" }] }] }]);
  });

  it("leaves snake_case, lone stars, escapes and unclosed delimiters as text", () => {
    expect(parseInline("replica_count and max_surge")).toEqual([{ t: "text", v: "replica_count and max_surge" }]);
    expect(parseInline("2 * 3 * 4")).toEqual([{ t: "text", v: "2 * 3 * 4" }]);
    expect(parseInline("\\*not\\* `open")).toEqual([{ t: "text", v: "*not* `open" }]);
    expect(parseInline("[no target] and [x](")).toEqual([{ t: "text", v: "[no target] and [x](" }]);
  });

  it("keeps unsafe and relative link targets as text", () => {
    expect(parseInline("[x](javascript:alert(1))")).toEqual([{ t: "text", v: "x" }, { t: "text", v: ")" }]);
    expect(parseInline("[docs](docs/values.md)")).toEqual([{ t: "text", v: "docs" }]);
    expect(safeHref("JAVASCRIPT:alert(1)")).toBeUndefined();
    expect(safeHref("data:text/html,x")).toBeUndefined();
    expect(safeHref("mailto:ops@example.com")).toBe("mailto:ops@example.com");
  });

  it("does not load images: their alt text, linked when safe", () => {
    expect(parseInline("![logo](https://x.example/logo.png)")).toEqual([{ t: "link", href: "https://x.example/logo.png", c: [{ t: "text", v: "logo" }] }]);
  });

  it("turns line ends into spaces, two trailing spaces into a break", () => {
    expect(parseInline("a\nb  \nc")).toEqual([{ t: "text", v: "a b" }, { t: "br" }, { t: "text", v: "c" }]);
  });

  it("stays fast on a large text full of unmatched delimiters", () => {
    const evil = "*a _b [c `d ".repeat(20_000);
    const start = performance.now();
    parseInline(evil);
    parseMarkdown(`${"[".repeat(100_000)}\n\n${"- ".repeat(50_000)}\n\n${"> ".repeat(50_000)}`);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe("parseMarkdown", () => {
  it("reads headings, paragraphs, fenced code and rules", () => {
    expect(parseMarkdown("# Title\n\nOne\nline.\n\n```sh\ncurl -s x\n  indented\n```\n\n---\n")).toEqual([
      { t: "heading", level: 1, c: [{ t: "text", v: "Title" }] },
      { t: "paragraph", c: [{ t: "text", v: "One line." }] },
      { t: "code", lang: "sh", v: "curl -s x\n  indented" },
      { t: "rule" },
    ]);
  });

  it("reads nested and ordered lists", () => {
    const blocks = parseMarkdown("- a\n- b\n  - b1\n  - b2\n\n1. one\n2. two\n");
    expect(blocks).toEqual([
      {
        t: "list",
        ordered: false,
        start: 1,
        items: [
          [{ t: "paragraph", c: [{ t: "text", v: "a" }] }],
          [
            { t: "paragraph", c: [{ t: "text", v: "b" }] },
            { t: "list", ordered: false, start: 1, items: [[{ t: "paragraph", c: [{ t: "text", v: "b1" }] }], [{ t: "paragraph", c: [{ t: "text", v: "b2" }] }]] },
          ],
        ],
      },
      { t: "list", ordered: true, start: 1, items: [[{ t: "paragraph", c: [{ t: "text", v: "one" }] }], [{ t: "paragraph", c: [{ t: "text", v: "two" }] }]] },
    ]);
  });

  it("reads a table (the echo chart's values)", () => {
    const [table] = parseMarkdown("| value | default |\n|---|---|\n| `replicaCount` | `2` |\n");
    expect(table).toEqual({
      t: "table",
      head: [[{ t: "text", v: "value" }], [{ t: "text", v: "default" }]],
      rows: [[[{ t: "code", v: "replicaCount" }], [{ t: "code", v: "2" }]]],
    });
  });

  it("reads block quotes and keeps a fence open to the end", () => {
    expect(parseMarkdown("> **Note** this\n\n```\nnever closed")).toEqual([
      { t: "quote", c: [{ t: "paragraph", c: [{ t: "strong", c: [{ t: "text", v: "Note" }] }, { t: "text", v: " this" }] }] },
      { t: "code", lang: "", v: "never closed" },
    ]);
  });
});

describe("Markdown", () => {
  it("draws React elements, README headings one level under the page's", () => {
    const out = html("# echo\n\nA **web** app.\n\n## Values\n\n- `port`\n");
    expect(out).toContain("<h2");
    expect(out).toContain(">echo</h2>");
    expect(out).toContain("<h3");
    expect(out).toContain("<strong");
    expect(out).toMatch(/<ul[^>]*><li><p[^>]*><code[^>]*>port<\/code><\/p><\/li><\/ul>/);
  });

  it("opens links apart, with rel=noopener", () => {
    const out = html("[home](https://github.com/pilothouse-dev/pilothouse)");
    expect(out).toContain('href="https://github.com/pilothouse-dev/pilothouse"');
    expect(out).toContain('target="_blank"');
    expect(out).toMatch(/rel="noopener[^"]*"/);
  });

  it("never lets HTML in a README through", () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n```html\n<b>x</b>\n```\n\n[x](javascript:alert(1))');
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<b>");
    expect(out).not.toContain("javascript:");
    expect(out).toContain("&lt;script&gt;");
  });
});

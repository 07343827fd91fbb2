import { Fragment, useMemo } from "react";
import { type Block, type Inline, parseMarkdown } from "./markdown-model";

// A chart's README as React elements (see markdown-model.ts): no HTML string
// ever reaches the page, links open apart from the console.

const HEADINGS = {
  // The page's own title is the h1: a README's headings sit one level under it.
  1: "mt-6 text-xl font-semibold",
  2: "mt-6 text-lg font-semibold",
  3: "mt-4 text-base font-semibold",
  4: "mt-4 text-sm font-semibold",
  5: "mt-4 text-sm font-semibold",
  6: "mt-4 text-sm font-medium",
} as const;

function InlineNodes({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.t) {
          case "text":
            return <Fragment key={i}>{n.v}</Fragment>;
          case "code":
            return (
              <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800">
                {n.v}
              </code>
            );
          case "strong":
            return (
              <strong key={i} className="font-semibold">
                <InlineNodes nodes={n.c} />
              </strong>
            );
          case "em":
            return (
              <em key={i}>
                <InlineNodes nodes={n.c} />
              </em>
            );
          case "link":
            return (
              <a key={i} href={n.href} target="_blank" rel="noopener noreferrer" className="text-sky-800 underline hover:no-underline dark:text-sky-300">
                <InlineNodes nodes={n.c} />
              </a>
            );
          case "br":
            return <br key={i} />;
        }
      })}
    </>
  );
}

function Blocks({ blocks, tight }: { blocks: Block[]; tight?: boolean }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.t) {
          case "heading": {
            const level = Math.min(6, b.level + 1) as 2 | 3 | 4 | 5 | 6;
            const H = `h${level}` as const;
            return (
              <H key={i} className={HEADINGS[b.level]}>
                <InlineNodes nodes={b.c} />
              </H>
            );
          }
          case "paragraph":
            return (
              <p key={i} className={tight ? "" : "my-3 leading-relaxed"}>
                <InlineNodes nodes={b.c} />
              </p>
            );
          case "code":
            return (
              <pre key={i} className="my-3 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100" data-lang={b.lang || undefined}>
                <code>{b.v}</code>
              </pre>
            );
          case "list": {
            const cls = `my-3 space-y-1 pl-6 ${b.ordered ? "list-decimal" : "list-disc"}`;
            const items = b.items.map((item, k) => (
              <li key={k}>
                <Blocks blocks={item} tight={item.length <= 2} />
              </li>
            ));
            return b.ordered ? (
              <ol key={i} start={b.start === 1 ? undefined : b.start} className={cls}>
                {items}
              </ol>
            ) : (
              <ul key={i} className={cls}>
                {items}
              </ul>
            );
          }
          case "quote":
            return (
              <blockquote key={i} className="my-3 border-l-4 border-slate-300 pl-4 text-slate-600 dark:border-slate-600 dark:text-slate-300">
                <Blocks blocks={b.c} />
              </blockquote>
            );
          case "rule":
            return <hr key={i} className="my-6 border-slate-200 dark:border-slate-700" />;
          case "table":
            return (
              <div key={i} className="my-3 overflow-x-auto">
                <table className="min-w-full border-collapse text-left text-sm">
                  <thead>
                    <tr className="border-b border-slate-300 dark:border-slate-600">
                      {b.head.map((c, k) => (
                        <th key={k} scope="col" className="px-3 py-1.5 font-semibold">
                          <InlineNodes nodes={c} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, k) => (
                      <tr key={k} className="border-b border-slate-100 dark:border-slate-800">
                        {b.head.map((_, c) => (
                          <td key={c} className="px-3 py-1.5 align-top">
                            <InlineNodes nodes={r[c] ?? []} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </>
  );
}

/** Markdown text drawn as React elements. */
export function Markdown({ text }: { text: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return (
    <div className="text-sm text-slate-800 dark:text-slate-200" data-testid="markdown">
      <Blocks blocks={blocks} />
    </div>
  );
}

// A small Markdown reader for chart READMEs: headings, paragraphs, fenced and
// indented code, inline code, bold, italic, links, lists, block quotes, rules
// and tables. It builds a tree the renderer turns into React elements (never
// HTML strings): raw HTML in a README stays text. A README is untrusted and up
// to 256 KiB, so every step is linear in its input and nesting is bounded.

export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string }
  | { t: "strong"; c: Inline[] }
  | { t: "em"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "br" };

export type Block =
  | { t: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; c: Inline[] }
  | { t: "paragraph"; c: Inline[] }
  | { t: "code"; lang: string; v: string }
  | { t: "list"; ordered: boolean; start: number; items: Block[][] }
  | { t: "quote"; c: Block[] }
  | { t: "rule" }
  | { t: "table"; head: Inline[][]; rows: Inline[][][] };

const MAX_DEPTH = 8;

/** Only absolute web and mail links are followed; anything else (javascript:, data:, relative paths into the chart) stays text. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(h) && !/[\s<>"]/.test(h) ? h : undefined;
}

// ---- inline ----

const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const WORD = /[\p{L}\p{N}]/u;

/** How many closers an opening * or _ tries before it is taken as text (bounds the work of unmatched ones). */
const MAX_CLOSERS = 8;
const MAX_TICKS = 16;

/**
 * Inline Markdown of one block. Each delimiter's positions are listed once and
 * looked up by binary search, and an opener tries a bounded number of closers,
 * so a text full of unmatched delimiters stays (near) linear.
 */
export function parseInline(s: string, depth = 0): Inline[] {
  if (depth > MAX_DEPTH) return s ? [{ t: "text", v: s }] : [];
  const out: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ t: "text", v: text });
    text = "";
  };
  const positions = new Map<string, number[]>();
  /** The first occurrence of `tok` at or after `from`, or -1. */
  const find = (tok: string, from: number): number => {
    let p = positions.get(tok);
    if (!p) {
      p = [];
      for (let k = s.indexOf(tok); k >= 0; k = s.indexOf(tok, k + 1)) p.push(k);
      positions.set(tok, p);
    }
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < p.length ? p[lo] : -1;
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === "\\" && i + 1 < s.length && PUNCT.test(s[i + 1])) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (ch === "\n") {
      // Two spaces before a line end: a hard break; otherwise a space.
      if (text.endsWith("  ")) {
        text = text.trimEnd();
        flush();
        out.push({ t: "br" });
      } else text = `${text.trimEnd()} `;
      i++;
      continue;
    }
    if (ch === "`") {
      let n = 1;
      while (s[i + n] === "`") n++;
      const close = n <= MAX_TICKS ? find("`".repeat(n), i + n) : -1;
      if (close > 0) {
        flush();
        const v = s.slice(i + n, close).replace(/\n/g, " ");
        out.push({ t: "code", v: v.length > 2 && v.startsWith(" ") && v.endsWith(" ") ? v.slice(1, -1) : v });
        i = close + n;
        continue;
      }
      text += "`".repeat(n);
      i += n;
      continue;
    }
    if (ch === "[" || (ch === "!" && s[i + 1] === "[")) {
      const image = ch === "!";
      const open = image ? i + 1 : i;
      const close = find("]", open + 1);
      const end = close > 0 && s[close + 1] === "(" ? find(")", close + 2) : -1;
      if (end > 0) {
        const label = s.slice(open + 1, close);
        // A link's target may carry a title: [x](https://… "title").
        const target = s.slice(close + 2, end).trim().split(/\s+/)[0] ?? "";
        flush();
        // Images are not loaded (no requests to a chart's hosts from the console): their text, linked when safe.
        const content = image ? [{ t: "text" as const, v: label }] : parseInline(label, depth + 1);
        const href = safeHref(target.replace(/^<|>$/g, ""));
        if (href) out.push({ t: "link", href, c: content });
        else out.push(...content);
        i = end + 1;
        continue;
      }
      text += image ? "![" : "[";
      i = open + 1;
      continue;
    }
    if (ch === "*" || ch === "_") {
      const double = s[i + 1] === ch;
      const tok = double ? ch + ch : ch;
      const after = i + tok.length;
      // "_" inside a word (snake_case) is not emphasis; nor is a delimiter before a space.
      const opens = !(ch === "_" && i > 0 && WORD.test(s[i - 1])) && after < s.length && !/\s/.test(s[after]);
      let close = opens ? find(tok, after) : -1;
      const closes = (k: number) =>
        k > after && !/\s/.test(s[k - 1]) && !(ch === "_" && WORD.test(s[k + tok.length] ?? "")) && (double || (s[k + 1] !== ch && s[k - 1] !== ch));
      for (let tries = 0; close > 0 && !closes(close) && tries < MAX_CLOSERS; tries++) close = find(tok, close + 1);
      if (close > 0 && closes(close)) {
        flush();
        const inner = parseInline(s.slice(after, close), depth + 1);
        out.push(double ? { t: "strong", c: inner } : { t: "em", c: inner });
        i = close + tok.length;
        continue;
      }
      text += tok;
      i += tok.length;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

// ---- blocks ----

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(\s+|$)(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const blank = (l: string) => !l.trim();
const indentOf = (l: string) => l.length - l.trimStart().length;

function cells(line: string, depth: number): Inline[][] {
  let l = line.trim();
  if (l.startsWith("|")) l = l.slice(1);
  if (l.endsWith("|") && !l.endsWith("\\|")) l = l.slice(0, -1);
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < l.length; i++) {
    if (l[i] === "\\" && l[i + 1] === "|") {
      cur += "|";
      i++;
    } else if (l[i] === "|") {
      out.push(cur);
      cur = "";
    } else cur += l[i];
  }
  out.push(cur);
  return out.map((c) => parseInline(c.trim(), depth + 1));
}

/** Does this line start a block other than a paragraph (so it ends a paragraph)? */
function startsBlock(lines: string[], i: number): boolean {
  const l = lines[i];
  if (FENCE.test(l) || HEADING.test(l) || RULE.test(l) || QUOTE.test(l)) return true;
  const m = ITEM.exec(l);
  // An ordered list interrupts a paragraph only when it starts at 1 (as in CommonMark).
  if (m && m[4].trim() && (!/\d/.test(m[2]) || m[2].startsWith("1"))) return true;
  return l.includes("|") && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]) && lines[i + 1].includes("-");
}

export function parseBlocks(lines: string[], depth = 0): Block[] {
  const out: Block[] = [];
  if (depth > MAX_DEPTH) {
    const text = lines.join("\n").trim();
    return text ? [{ t: "paragraph", c: [{ t: "text", v: text }] }] : [];
  }
  let i = 0;
  const n = lines.length;
  while (i < n) {
    const line = lines[i];
    if (blank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const mark = fence[1];
      const closing = new RegExp(`^ {0,3}${mark[0] === "`" ? "`" : "~"}{${mark.length},}\\s*$`);
      const body: string[] = [];
      i++;
      while (i < n && !closing.test(lines[i])) body.push(lines[i++]);
      i++;
      out.push({ t: "code", lang: fence[2], v: body.join("\n") });
      continue;
    }
    if (indentOf(line) >= 4) {
      const body: string[] = [];
      while (i < n && (blank(lines[i]) || indentOf(lines[i]) >= 4)) body.push(lines[i++].slice(4));
      while (body.length && blank(body[body.length - 1])) body.pop();
      out.push({ t: "code", lang: "", v: body.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({ t: "heading", level: heading[1].length as 1 | 2 | 3 | 4 | 5 | 6, c: parseInline(heading[2] ?? "", depth) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push({ t: "rule" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < n && !blank(lines[i])) {
        const q = QUOTE.exec(lines[i]);
        if (!q && startsBlock(lines, i)) break;
        body.push(q ? q[1] : lines[i]);
        i++;
      }
      out.push({ t: "quote", c: parseBlocks(body, depth + 1) });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const start = ordered ? Number.parseInt(item[2], 10) : 1;
      const items: Block[][] = [];
      while (i < n) {
        const m = ITEM.exec(lines[i]);
        if (!m || /\d/.test(m[2]) !== ordered) break;
        // Where the item's content starts; what is indented that far belongs to it (nested lists too).
        const offset = m[1].length + m[2].length + (m[4] ? Math.min(m[3].length, 4) : 1);
        const body = [m[4]];
        i++;
        while (i < n) {
          const l = lines[i];
          if (blank(l)) {
            let j = i;
            while (j < n && blank(lines[j])) j++;
            if (j < n && indentOf(lines[j]) >= offset) {
              for (; i < j; i++) body.push("");
              continue;
            }
            break;
          }
          if (indentOf(l) >= offset) body.push(l.slice(offset));
          else if (ITEM.test(l) || startsBlock(lines, i)) break;
          // A lazy continuation of the item's paragraph.
          else body.push(l.trim());
          i++;
        }
        items.push(parseBlocks(body, depth + 1));
        // Blank lines between items of one (loose) list.
        let j = i;
        while (j < n && blank(lines[j])) j++;
        const next = j < n ? ITEM.exec(lines[j]) : null;
        if (next && /\d/.test(next[2]) === ordered) i = j;
        else break;
      }
      out.push({ t: "list", ordered, start, items });
      continue;
    }
    if (line.includes("|") && i + 1 < n && TABLE_RULE.test(lines[i + 1]) && lines[i + 1].includes("-")) {
      const head = cells(line, depth);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < n && !blank(lines[i]) && lines[i].includes("|")) rows.push(cells(lines[i++], depth));
      out.push({ t: "table", head, rows });
      continue;
    }
    const para: string[] = [line.trim()];
    i++;
    while (i < n && !blank(lines[i]) && !startsBlock(lines, i)) para.push(lines[i++].trimStart());
    out.push({ t: "paragraph", c: parseInline(para.join("\n").trimEnd(), depth) });
  }
  return out;
}

export function parseMarkdown(text: string): Block[] {
  return parseBlocks(text.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"));
}

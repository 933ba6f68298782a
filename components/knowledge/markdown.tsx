// The knowledge base's Markdown: headings (with the same anchors lib/knowledge/sections.ts gives
// search passages, so cited links land on the section), paragraphs, ordered and bullet lists,
// block quotes, fenced code, rules, **bold**, *italic*, `code` and [links](https://…). It builds
// React elements, never HTML strings; links only to http(s), mailto and relative URLs.
import * as React from "react";

import { cn } from "@/components/ui/cn";
import { slugifyHeading } from "@/lib/knowledge/sections";

function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[/#?]/.test(trimmed) && !trimmed.startsWith("//")) return trimmed;
  return null;
}

function inline(text: string, key: string): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*\s][^*]*\*|_[^_\s][^_]*_|\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const token = match[0];
    const k = `${key}-${n++}`;
    if (token.startsWith("**")) out.push(<strong key={k}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith("`"))
      out.push(
        <code key={k} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]">
          {token.slice(1, -1)}
        </code>,
      );
    else if (token.startsWith("[")) {
      const [, label = "", href = ""] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      const safe = safeHref(href);
      out.push(
        safe ? (
          <a key={k} href={safe} className="text-brand underline underline-offset-4" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          label
        ),
      );
    } else out.push(<em key={k}>{token.slice(1, -1)}</em>);
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const HEADING_CLASS: Record<number, string> = {
  1: "text-2xl font-semibold tracking-tight",
  2: "text-xl font-semibold tracking-tight",
  3: "text-lg font-semibold",
  4: "font-semibold",
  5: "font-semibold",
  6: "font-semibold",
};

export function Markdown({ text, className }: { text: string; className?: string }) {
  const blocks: React.ReactNode[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const seen = new Map<string, number>();
  let i = 0;
  let key = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (/^ {0,3}(```|~~~)/.test(line)) {
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !/^ {0,3}(```|~~~)/.test(lines[i] ?? "")) code.push(lines[i++] ?? "");
      i += 1;
      blocks.push(
        <pre key={key++} className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
          <code>{code.join("\n")}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const content = heading[2]!;
      const base = slugifyHeading(content.replace(/[*_`]/g, "").trim());
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const id = count === 1 ? base : `${base}-${count}`;
      const Tag = `h${Math.min(level + 1, 6)}` as "h2";
      blocks.push(
        <Tag key={key++} id={id} className={cn("scroll-mt-20", HEADING_CLASS[level])}>
          {inline(content, `h${key}`)}
        </Tag>,
      );
      i += 1;
      continue;
    }
    if (/^ {0,3}([-*_])( *\1){2,} *$/.test(line)) {
      blocks.push(<hr key={key++} className="border-border" />);
      i += 1;
      continue;
    }
    if (/^\s*([-*+]|\d+[.)]) /.test(line)) {
      const ordered = /^\s*\d+[.)] /.test(line);
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*+]|\d+[.)]) /.test(lines[i] ?? "")) {
        items.push((lines[i] ?? "").replace(/^\s*([-*+]|\d+[.)]) /, ""));
        i += 1;
      }
      const List = ordered ? "ol" : "ul";
      blocks.push(
        <List key={key++} className={cn("ml-5 space-y-1", ordered ? "list-decimal" : "list-disc")}>
          {items.map((item, n) => (
            <li key={n}>{inline(item, `${key}-${n}`)}</li>
          ))}
        </List>,
      );
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quote: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] ?? "")) quote.push((lines[i++] ?? "").replace(/^\s*> ?/, ""));
      blocks.push(
        <blockquote key={key++} className="border-l-4 border-border pl-4 text-muted-foreground">
          {inline(quote.join(" "), `q${key}`)}
        </blockquote>,
      );
      continue;
    }
    if (!line.trim()) {
      i += 1;
      continue;
    }
    // The first line always belongs to the paragraph (so the loop always advances).
    const paragraph: string[] = [lines[i++] ?? ""];
    while (
      i < lines.length &&
      (lines[i] ?? "").trim() &&
      !/^ {0,3}(#{1,6}[ \t]|```|~~~|>)|^\s*([-*+]|\d+[.)]) /.test(lines[i] ?? "")
    ) {
      paragraph.push(lines[i++] ?? "");
    }
    blocks.push(
      <p key={key++} className="leading-7">
        {inline(paragraph.join(" "), `p${key}`)}
      </p>,
    );
  }
  return <div className={cn("grid gap-4 text-sm break-words", className)}>{blocks}</div>;
}

/** A search snippet: the highlighted matches (between the markers of lib/knowledge/search.ts) as <mark>. */
export function Highlighted({ snippet }: { snippet: string }) {
  const parts = snippet.split(/(\uE000[^\uE001]*\uE001)/);
  return (
    <>
      {parts.map((part, n) =>
        part.startsWith("\uE000") ? (
          <mark key={n} className="rounded bg-yellow-200 px-0.5 text-foreground dark:bg-yellow-500/40">
            {part.slice(1, -1)}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

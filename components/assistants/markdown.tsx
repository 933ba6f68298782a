// A small, safe markdown renderer for answers: paragraphs, bullet lists, **bold**, `code` and
// fenced code blocks. It builds React elements (never HTML strings), so nothing in an answer runs.
import * as React from "react";

function inline(text: string, key: string): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`)/g;
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const token = match[0];
    if (token.startsWith("**")) out.push(<strong key={`${key}-${n++}`}>{token.slice(2, -2)}</strong>);
    else
      out.push(
        <code key={`${key}-${n++}`} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]">
          {token.slice(1, -1)}
        </code>,
      );
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown({ text }: { text: string }) {
  const blocks: React.ReactNode[] = [];
  const lines = text.split("\n");
  let i = 0;
  let key = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.startsWith("```")) {
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? "").startsWith("```")) code.push(lines[i++] ?? "");
      i += 1;
      blocks.push(
        <pre key={key++} className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
          <code>{code.join("\n")}</code>
        </pre>,
      );
      continue;
    }
    if (/^\s*- /.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^\s*(- |\s{2})/.test(lines[i] ?? "")) {
        const current = lines[i] ?? "";
        if (/^\s*- /.test(current)) items.push(current.replace(/^\s*- /, ""));
        else if (items.length > 0) items[items.length - 1] += `\n${current.trim()}`;
        i += 1;
      }
      blocks.push(
        <ul key={key++} className="ml-5 list-disc space-y-1">
          {items.map((item, n) => (
            <li key={n} className="whitespace-pre-wrap">
              {inline(item, `${key}-${n}`)}
            </li>
          ))}
        </ul>,
      );
      continue;
    }
    if (line.trim() === "") {
      i += 1;
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? "").trim() !== "" &&
      !/^\s*- /.test(lines[i] ?? "") &&
      !(lines[i] ?? "").startsWith("```")
    ) {
      para.push(lines[i++] ?? "");
    }
    blocks.push(
      <p key={key++} className="whitespace-pre-wrap">
        {inline(para.join("\n"), String(key))}
      </p>,
    );
  }
  return <div className="grid gap-2 text-sm leading-relaxed">{blocks}</div>;
}

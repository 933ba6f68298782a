// Splitting a text into sections by its Markdown headings, so a search can cite the part of an
// article or document that answers (its heading and an anchor to link to). Pure functions.

export interface Section {
  /** The heading's text, or null for the part before the first heading. */
  heading: string | null;
  /** A URL fragment for the heading ("getting-started"), or null. */
  anchor: string | null;
  /** The section's text, its heading line included. */
  text: string;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$/;

/** "Getting started!" → "getting-started" (the anchors the Markdown preview gives headings). */
export function slugifyHeading(heading: string): string {
  return (
    heading
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}\s-]/gu, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "section"
  );
}

/**
 * The sections of a Markdown text, in order; headings inside fenced code blocks do not count.
 * Empty sections are dropped; a text without headings is one section. Anchors are unique (a
 * repeated heading gets "-2", "-3" like the preview).
 */
export function splitSections(markdown: string, maxSections = 200): Section[] {
  const sections: Section[] = [];
  const seen = new Map<string, number>();
  let current: { heading: string | null; anchor: string | null; lines: string[] } = {
    heading: null,
    anchor: null,
    lines: [],
  };
  let fenced = false;
  const flush = () => {
    const text = current.lines.join("\n").trim();
    if (text) sections.push({ heading: current.heading, anchor: current.anchor, text });
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : HEADING.exec(line);
    if (match && sections.length < maxSections - 1) {
      flush();
      const heading = (match[2] ?? "").replace(/[*_`]/g, "").trim();
      const base = slugifyHeading(heading);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      current = { heading, anchor: n === 1 ? base : `${base}-${n}`, lines: [line] };
    } else {
      current.lines.push(line);
    }
  }
  flush();
  return sections;
}

const CHUNK_CHARS = 1_500;
const MAX_CHUNKS = 40;

/** The chunks a text is embedded as: its sections, each prefixed by the title, long ones split. */
export function chunkText(title: string, text: string): string[] {
  const chunks: string[] = [];
  for (const section of splitSections(text)) {
    let rest = section.text;
    while (rest.length > 0 && chunks.length < MAX_CHUNKS) {
      let cut = rest.length;
      if (cut > CHUNK_CHARS) {
        // At a paragraph break, else a space, else hard, in the last two thirds of the window.
        cut = rest.lastIndexOf("\n\n", CHUNK_CHARS);
        if (cut < CHUNK_CHARS / 3) cut = rest.lastIndexOf(" ", CHUNK_CHARS);
        if (cut < CHUNK_CHARS / 3) cut = CHUNK_CHARS;
      }
      chunks.push(`${title}\n${rest.slice(0, cut).trim()}`);
      rest = rest.slice(cut).trim();
    }
  }
  return chunks.length > 0 ? chunks : [title];
}

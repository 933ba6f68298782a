// Text extraction from uploaded documents: PDF (unpdf, page by page: each page a "Page N"
// section), DOCX (mammoth to HTML, headings kept), HTML (tags stripped, headings kept), Markdown
// and plain text as they are. Errors are ExtractionError with a message meant for the person who
// uploaded the file; progress is reported as a share (0-1) of the work.
import "server-only";

import { htmlToText } from "./html-text";

export type DocumentFormat = "pdf" | "docx" | "markdown" | "html" | "text";

export const FORMAT_LABELS: Record<DocumentFormat, string> = {
  pdf: "PDF",
  docx: "Word",
  markdown: "Markdown",
  html: "HTML",
  text: "Text",
};

/** Extracted text is cut here (a few hundred pages of prose); the cut is noted in the text. */
export const MAX_TEXT_CHARS = 2_000_000;

export class ExtractionError extends Error {}

/** The format of an accepted upload: by content for PDF and DOCX, by extension (then content) for text. */
export function formatOf(contentType: string, name: string, head: string): DocumentFormat {
  if (contentType === "application/pdf") return "pdf";
  if (contentType.includes("wordprocessingml")) return "docx";
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (ext === "md" || ext === "markdown" || ext === "mdx") return "markdown";
  if (ext === "html" || ext === "htm" || /^\s*(<!doctype html|<html[\s>])/i.test(head)) return "html";
  return "text";
}

export interface Extracted {
  text: string;
  pages: number | null;
  /** A title found inside the document (HTML <title>, first heading), if any. */
  title: string | null;
}

type Progress = (share: number) => Promise<void> | void;

function cut(text: string): string {
  const clean = text.replace(/\u0000/g, "").replace(/\r\n?/g, "\n");
  return clean.length > MAX_TEXT_CHARS
    ? `${clean.slice(0, MAX_TEXT_CHARS)}\n\n[The rest of the document was not indexed: it is longer than ${MAX_TEXT_CHARS.toLocaleString("en-US")} characters.]`
    : clean;
}

function firstHeading(text: string): string | null {
  const match = /^#{1,3}[ \t]+(.+)$/m.exec(text);
  return match ? match[1]!.trim().slice(0, 200) : null;
}

async function extractPdf(bytes: Uint8Array, progress: Progress): Promise<Extracted> {
  const { getDocumentProxy } = await import("unpdf");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    const name = (error as { name?: string }).name ?? "";
    if (name === "PasswordException") throw new ExtractionError("The PDF is password-protected; upload it unlocked.");
    throw new ExtractionError(
      `The PDF could not be read (it may be damaged): ${(error as Error).message ?? "unknown error"}.`.slice(0, 300),
    );
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let line = "";
      const lines: string[] = [];
      for (const item of content.items as { str?: string; hasEOL?: boolean }[]) {
        line += item.str ?? "";
        if (item.hasEOL) {
          lines.push(line);
          line = "";
        }
      }
      if (line) lines.push(line);
      const text = lines
        .map((l) => l.replace(/\s+/g, " ").trim())
        .filter(Boolean)
        .join("\n");
      pages.push(text ? `## Page ${n}\n\n${text}` : "");
      await progress(n / pdf.numPages);
    }
    const text = pages.filter(Boolean).join("\n\n");
    return { text: cut(text), pages: pdf.numPages, title: null };
  } finally {
    await pdf.loadingTask.destroy().catch(() => {});
  }
}

async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  const mammoth = (await import("mammoth")).default;
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = result.value;
  } catch (error) {
    throw new ExtractionError(
      `The Word document could not be read (is it a .docx from Word, Google Docs or LibreOffice?): ${(error as Error).message ?? "unknown error"}.`.slice(
        0,
        300,
      ),
    );
  }
  const { text } = htmlToText(html);
  return { text: cut(text), pages: null, title: firstHeading(text) };
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new ExtractionError("The file is not valid UTF-8 text.");
  }
}

export async function extractText(
  bytes: Uint8Array,
  format: DocumentFormat,
  progress: Progress = () => {},
): Promise<Extracted> {
  switch (format) {
    case "pdf":
      return extractPdf(bytes, progress);
    case "docx":
      return extractDocx(bytes);
    case "html": {
      const { title, text } = htmlToText(decodeText(bytes));
      return { text: cut(text), pages: null, title: title ?? firstHeading(text) };
    }
    case "markdown": {
      const text = decodeText(bytes);
      return { text: cut(text), pages: null, title: firstHeading(text) };
    }
    case "text":
      return { text: cut(decodeText(bytes)), pages: null, title: null };
  }
}

// What a file is, decided by its first bytes (magic numbers), never by its name or the type the
// client declared. Only the types Tessera accepts are recognised; anything else is null.
// Text is accepted when the sample is valid UTF-8 (a BOM allowed) without NUL or other binary
// control characters; SVG is text whose first element is <svg (after an XML prolog, comments or
// a doctype).

export type SniffedType =
  | "image/png"
  | "image/jpeg"
  | "image/gif"
  | "image/webp"
  | "application/pdf"
  | "image/svg+xml"
  | "text/plain"
  | typeof DOCX;

/** A Word document (Office Open XML): a ZIP whose first entries name the OOXML parts. */
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** How many leading bytes the sniffer wants (fewer is fine for short files). */
export const SNIFF_BYTES = 4096;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const PDF = ascii("%PDF-");
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** A ZIP whose first entries are OOXML parts ([Content_Types].xml, word/…): a DOCX. */
function isDocx(sample: Uint8Array): boolean {
  const names = new TextDecoder("latin1").decode(sample.subarray(0, SNIFF_BYTES));
  return names.includes("[Content_Types].xml") || names.includes("word/");
}

/** Decodes the sample as UTF-8 text, or null when it is binary. A cut-off last character is fine. */
function asText(sample: Uint8Array, complete: boolean): string | null {
  let bytes = sample;
  if (!complete) {
    // Drop a multi-byte sequence cut by the sample's end (at most 3 bytes).
    let end = bytes.length;
    for (let back = 1; back <= 3 && end - back >= 0; back++) {
      const byte = bytes[end - back] ?? 0;
      if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
      if (byte >= 0xc0) end -= back; // a lead byte whose sequence may be cut
      break;
    }
    bytes = bytes.subarray(0, end);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // Text may hold tab, line breaks and form feed; any other C0 control character or DEL means binary.

  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null;
  return text.replace(/^\uFEFF/, "");
}

function isSvg(text: string): boolean {
  // Skip the XML prolog, comments, a doctype and whitespace, then expect the <svg element.
  const rest = text.replace(/^(?:\s+|<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i, "");
  return /^<svg[\s>/]/i.test(rest);
}

/**
 * The type of a file from its leading bytes (`sample`, ideally SNIFF_BYTES long). `complete`
 * says the sample is the whole file (so a short text file is judged whole).
 */
export function sniffType(sample: Uint8Array, complete = false): SniffedType | null {
  if (startsWith(sample, PNG)) return "image/png";
  if (startsWith(sample, JPEG)) return "image/jpeg";
  if (startsWith(sample, GIF87) || startsWith(sample, GIF89)) return "image/gif";
  if (startsWith(sample, RIFF) && startsWith(sample, WEBP, 8)) return "image/webp";
  if (startsWith(sample, PDF)) return "application/pdf";
  if (startsWith(sample, ZIP)) return isDocx(sample) ? DOCX : null;
  if (sample.length === 0) return null;
  const text = asText(sample, complete);
  if (text === null) return null;
  return isSvg(text) ? "image/svg+xml" : "text/plain";
}

/** The usual extension of each type, for names that lack one. */
export const EXTENSIONS: Record<SniffedType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "image/svg+xml": "svg",
  "text/plain": "txt",
  [DOCX]: "docx",
};

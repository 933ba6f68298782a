// What each kind of file may be: the accepted types (by content, lib/files/sniff.ts) and the
// largest size, per kind and per type. Logos are raster images only: SVG can carry scripts, so it
// is refused for a logo rather than sanitised.
import { DOCX, type SniffedType } from "./sniff";

const KiB = 1024;
const MiB = 1024 * KiB;

export type FileKindId = "ATTACHMENT" | "LOGO" | "DOCUMENT";

export interface KindRules {
  label: string;
  /** Largest file of this kind. */
  maxBytes: number;
  /** Accepted types and the largest file of each. */
  types: Partial<Record<SniffedType, number>>;
}

export const FILE_KINDS: Record<FileKindId, KindRules> = {
  ATTACHMENT: {
    label: "File",
    maxBytes: 25 * MiB,
    types: {
      "application/pdf": 25 * MiB,
      "image/png": 10 * MiB,
      "image/jpeg": 10 * MiB,
      "image/gif": 10 * MiB,
      "image/webp": 10 * MiB,
      // Served only as a download, never inline (lib/files/download.ts).
      "image/svg+xml": 1 * MiB,
      "text/plain": 5 * MiB,
    },
  },
  LOGO: {
    label: "Logo",
    maxBytes: 512 * KiB,
    types: {
      "image/png": 512 * KiB,
      "image/jpeg": 512 * KiB,
      "image/gif": 512 * KiB,
      "image/webp": 512 * KiB,
    },
  },
  // Knowledge-base documents (lib/knowledge/documents.ts): text is extracted from them. Markdown
  // and HTML are text by content; the name's extension tells them apart.
  DOCUMENT: {
    label: "Document",
    maxBytes: 25 * MiB,
    types: {
      "application/pdf": 25 * MiB,
      [DOCX]: 25 * MiB,
      "text/plain": 5 * MiB,
    },
  },
};

export const TYPE_LABELS: Record<SniffedType, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/gif": "GIF",
  "image/webp": "WebP",
  "image/svg+xml": "SVG",
  "text/plain": "Text",
  [DOCX]: "Word (DOCX)",
};

export function acceptedTypes(kind: FileKindId): SniffedType[] {
  return Object.keys(FILE_KINDS[kind].types) as SniffedType[];
}

/** Types a browser may show inline without risk (raster images, PDF); everything else downloads. */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
]);

/** "512 KB", "1.5 MB", "1 GB": binary units, at most one decimal. */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : (Math.round(value * 10) / 10).toString();
  return `${shown} ${units[unit]}`;
}

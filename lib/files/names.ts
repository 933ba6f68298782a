// File names as users give them are display labels only: objects are stored under keys Tessera
// makes (lib/storage/keys.ts), so a name can never reach a path. Still, a name is shown in the UI
// and sent back in Content-Disposition, so it is cleaned: no path parts, no control or
// bidirectional-override characters, no characters Windows refuses, at most 200 characters
// (keeping the extension), never empty.
import { EXTENSIONS, type SniffedType } from "./sniff";

export const MAX_NAME_LENGTH = 200;

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*]/g;

/** The cleaned display name of an uploaded file; `type` supplies an extension when none is left. */
export function sanitizeFilename(raw: string | null | undefined, type: SniffedType): string {
  let name = (raw ?? "").normalize("NFC");
  // Only the last path segment, whichever separator the client used.
  name = name.split(/[/\\]/).pop() ?? "";
  name = name.replace(UNSAFE, "_").replace(/\s+/g, " ").trim();
  // No leading dots (hidden files, "..") and no trailing dots or spaces (Windows drops them).
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  const ext = EXTENSIONS[type];
  if (!name) name = `file.${ext}`;
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf(".");
    const suffix = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = name.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd() + suffix;
  }
  return name;
}

/**
 * A Content-Disposition value that every browser reads safely: an ASCII fallback name plus the
 * UTF-8 name (RFC 6266 / RFC 5987).
 */
export function contentDisposition(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_") || "file";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

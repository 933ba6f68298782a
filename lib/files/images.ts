// Logos are shown small (the header's brand mark), so a large upload is scaled down to fit
// LOGO_MAX_PX in both directions, in its own format, with its metadata (EXIF, GPS) dropped —
// when `sharp` is installed (Next.js installs it as an optional dependency). Without sharp, or
// for GIFs (animation) and images sharp cannot decode, the logo is kept as uploaded: its size
// limit (512 KB) still holds.
import "server-only";

import type { SniffedType } from "./sniff";

export const LOGO_MAX_PX = 256;

type Sharp = (typeof import("sharp"))["default"];

let loaded: Promise<Sharp | null> | undefined;

function loadSharp(): Promise<Sharp | null> {
  loaded ??= import("sharp").then(
    (module) => module.default,
    () => null,
  );
  return loaded;
}

/** The logo scaled to fit LOGO_MAX_PX (never enlarged), or the bytes as they are. */
export async function fitLogo(bytes: Uint8Array, type: SniffedType): Promise<Uint8Array> {
  if (type !== "image/png" && type !== "image/jpeg" && type !== "image/webp") return bytes;
  const sharp = await loadSharp();
  if (!sharp) return bytes;
  try {
    const image = sharp(bytes, { failOn: "error" }).rotate();
    const resized = image.resize({ width: LOGO_MAX_PX, height: LOGO_MAX_PX, fit: "inside", withoutEnlargement: true });
    const out =
      type === "image/png"
        ? await resized.png().toBuffer()
        : type === "image/jpeg"
          ? await resized.jpeg({ quality: 90 }).toBuffer()
          : await resized.webp({ quality: 90 }).toBuffer();
    // Keep whichever is smaller: re-encoding a tiny, well-compressed logo can grow it.
    return out.byteLength < bytes.byteLength ? new Uint8Array(out) : bytes;
  } catch {
    return bytes;
  }
}

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as PayPal uses it in the signed message of
// a webhook: table-driven, one byte per step, the result as an unsigned 32-bit integer.
import { at } from "@/lib/indexed";

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of `data` (a string is taken as UTF-8). */
export function crc32(data: Uint8Array | string): number {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = at(TABLE, (crc ^ byte) & 0xff, "CRC-32 table entry") ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

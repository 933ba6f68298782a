import { randomBytes } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";

import { describe, expect, it } from "vitest";

import { crc32 } from "./crc32";

describe("crc32", () => {
  it.each([
    ["", 0x00000000],
    ["a", 0xe8b7be43],
    ["abc", 0x352441c2],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("matches the published vector for %j", (input, expected) => {
    expect(crc32(input)).toBe(expected);
  });

  it("is unsigned and reads strings as UTF-8", () => {
    // 0xe8b7be43 > 2^31: a signed implementation would answer a negative number.
    expect(crc32("a")).toBeGreaterThan(2 ** 31);
    expect(crc32("é")).toBe(crc32(new Uint8Array([0xc3, 0xa9])));
    expect(String(crc32('{"id":"WH-1"}'))).toMatch(/^\d+$/);
  });

  it("agrees with zlib on random data", () => {
    for (let i = 0; i < 50; i += 1) {
      const data = randomBytes(i * 37);
      expect(crc32(data)).toBe(zlibCrc32(data));
    }
  });
});

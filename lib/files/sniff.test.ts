import { describe, expect, it } from "vitest";

import { contentDisposition, sanitizeFilename } from "./names";
import { sniffType } from "./sniff";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe("sniffType: the type from the first bytes", () => {
  it.each([
    ["image/png", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)],
    ["image/jpeg", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ["image/gif", text("GIF89a\x01\x00")],
    ["image/gif", text("GIF87a\x01\x00")],
    ["image/webp", text("RIFF\x24\x00\x00\x00WEBPVP8 ")],
    ["application/pdf", text("%PDF-1.4\n%âãÏÓ")],
    ["image/svg+xml", text('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["image/svg+xml", text('\uFEFF<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>')],
    ["text/plain", text("Hello, world.\r\nÜnïcödé is fine\ttoo.\f")],
  ])("%s", (type, sample) => {
    expect(sniffType(sample, true)).toBe(type);
  });

  it("refuses what it does not know: programs, archives, HTML-as-binary, NUL bytes, bad UTF-8", () => {
    expect(sniffType(bytes(0x4d, 0x5a, 0x90, 0x00), true)).toBeNull(); // Windows executable
    expect(sniffType(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1), true)).toBeNull(); // ELF
    expect(sniffType(text("PK\x03\x04rest"), true)).toBeNull(); // ZIP (control bytes)
    expect(sniffType(text("RIFF\x24\x00\x00\x00WAVEfmt "), true)).toBeNull(); // RIFF but not WebP
    expect(sniffType(bytes(0x68, 0x69, 0x00, 0x68), true)).toBeNull();
    expect(sniffType(bytes(0x68, 0xff, 0xfe, 0x68), true)).toBeNull();
    expect(sniffType(new Uint8Array(0), true)).toBeNull();
  });

  it("a multi-byte character cut by the end of the sample is still text", () => {
    const sample = text("€€€").subarray(0, 7); // the third € cut after its first byte
    expect(sniffType(sample, false)).toBe("text/plain");
    expect(sniffType(sample, true)).toBeNull(); // the whole file cannot end mid-character
  });

  it("HTML is text, not SVG (it is served as text/plain, never rendered)", () => {
    expect(sniffType(text("<html><script>alert(1)</script></html>"), true)).toBe("text/plain");
  });
});

describe("sanitizeFilename: a label, never a path", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\report.pdf", "report.pdf"],
    [".htaccess", "htaccess"],
    ["..", "file.png"],
    ["  spaced   out  .png  ", "spaced out .png"],
    ["invoice\u202Egnp.exe", "invoice_gnp.exe"],
    ["a\u0000b\nc.txt", "a_b_c.txt"],
    ['what?*<>:"|.png', "what_______.png"],
    ["", "file.png"],
  ])("%j → %j", (raw, expected) => {
    expect(sanitizeFilename(raw, "image/png")).toBe(expected);
  });

  it("cuts long names to 200 characters, keeping the extension", () => {
    const name = sanitizeFilename(`${"x".repeat(300)}.pdf`, "application/pdf");
    expect(name).toHaveLength(200);
    expect(name.endsWith(".pdf")).toBe(true);
  });

  it("Content-Disposition carries an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition('Ünïcode "report" 100%.pdf')).toBe(
      `attachment; filename="_n_code _report_ 100_.pdf"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22report%22%20100%25.pdf`,
    );
    expect(contentDisposition("a.png", "inline")).toBe(`inline; filename="a.png"; filename*=UTF-8''a.png`);
  });
});

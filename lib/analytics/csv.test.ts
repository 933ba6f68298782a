import { describe, expect, it } from "vitest";

import { csvCell, csvLine, csvStream } from "./csv";

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("CSV", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvLine(["x", 1, null])).toBe("x,1,\r\n");
  });

  it("guards text that a spreadsheet would run as a formula, but not numbers", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("streams the header and every row from an async source", async () => {
    async function* rows() {
      for (let i = 0; i < 1203; i += 1) yield [i, `r${i}`] as const;
    }
    const out = await text(csvStream(["n", "name"], rows()));
    const lines = out.split("\r\n");
    expect(lines[0]).toBe("n,name");
    expect(lines).toHaveLength(1203 + 2); // header, rows, trailing empty string
    expect(lines[1203]).toBe("1202,r1202");
  });
});

// The pure text helpers of the knowledge base: sections by heading (the anchors citations link
// to), HTML to text with headings, and the format of an upload.
import { describe, expect, it } from "vitest";

import { DOCX, sniffType } from "../files/sniff";
import { htmlToText } from "./html-text";
import { slugifyHeading, splitSections } from "./sections";

describe("splitSections", () => {
  it("splits by headings, ignores headings in code, and makes unique anchors", () => {
    const sections = splitSections(
      "Intro line\n\n# Getting started!\nStep one\n```\n# not a heading\n```\n## Getting started\nAgain\n## Empty\n",
    );
    expect(sections.map((s) => [s.heading, s.anchor])).toEqual([
      [null, null],
      ["Getting started!", "getting-started"],
      ["Getting started", "getting-started-2"],
      ["Empty", "empty"],
    ]);
    expect(sections[1]!.text).toContain("# not a heading");
  });

  it("slugs headings like the preview does", () => {
    expect(slugifyHeading("Café & Crème: 2 ways")).toBe("cafe-creme-2-ways");
    expect(slugifyHeading("???")).toBe("section");
  });
});

describe("htmlToText", () => {
  it("keeps headings as Markdown, drops scripts and styles, decodes entities", () => {
    const { title, text } = htmlToText(
      "<html><head><title>FAQ &amp; more</title><style>p{}</style></head><body><h1>Top</h1><p>A&nbsp;&lt;b&gt; &#x263A;</p><script>evil()</script><ul><li>one</li><li>two</li></ul></body></html>",
    );
    expect(title).toBe("FAQ & more");
    expect(text).toBe("# Top\n\nA <b> ☺\n\n- one\n- two");
  });
});

describe("sniffing documents", () => {
  it("recognises a DOCX by its OOXML parts and refuses other ZIPs", () => {
    const zip = (name: string) =>
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array(26).fill(0), ...new TextEncoder().encode(name)]);
    expect(sniffType(zip("[Content_Types].xml"))).toBe(DOCX);
    expect(sniffType(zip("word/document.xml"))).toBe(DOCX);
    expect(sniffType(zip("payload.exe"))).toBeNull();
  });
});

// The pure parts of vector search: the local hashed embedding, chunking, and rank fusion.
import { describe, expect, it } from "vitest";

import { embeddingTokens, hashedEmbedding } from "./embeddings";
import { reciprocalRankFusion } from "./fusion";
import { chunkText } from "./sections";

const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe("hashedEmbedding", () => {
  it("is deterministic, unit length, and of the asked size", () => {
    const a = hashedEmbedding("Reset your password from the sign-in page", 256);
    expect(a).toHaveLength(256);
    expect(hashedEmbedding("Reset your password from the sign-in page", 256)).toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
  });

  it("ranks a text sharing the words above one that shares none", () => {
    const query = hashedEmbedding("how do I reset my password", 256);
    const related = hashedEmbedding("Resetting passwords: open the sign-in page and choose reset password", 256);
    const unrelated = hashedEmbedding("Invoices are sent monthly to the billing contact", 256);
    expect(cosine(query, related)).toBeGreaterThan(0.4);
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.3);
  });

  it("drops stop words and folds plurals, so a text of stop words alone is the zero vector", () => {
    expect(embeddingTokens("The passwords and the Invoices, resetting boxes")).toEqual([
      "password",
      "invoice",
      "reset",
      "box",
    ]);
    expect(hashedEmbedding("the and of", 64).every((v) => v === 0)).toBe(true);
  });
});

describe("chunkText", () => {
  it("gives one chunk per section, each with the title, and splits a long section at paragraphs", () => {
    const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${"word ".repeat(20)}`).join("\n\n");
    const chunks = chunkText("Guide", `Intro\n\n# Setup\nShort part\n\n# Details\n${long}`);
    expect(chunks[0]).toBe("Guide\nIntro");
    expect(chunks[1]).toBe("Guide\n# Setup\nShort part");
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.startsWith("Guide\n")).toBe(true);
      expect(chunk.length).toBeLessThanOrEqual(1_500 + "Guide\n".length);
    }
    // Nothing lost: every paragraph is in some chunk.
    for (let i = 0; i < 30; i++) expect(chunks.some((c) => c.includes(`Paragraph ${i} `))).toBe(true);
  });

  it("gives the title alone for an empty text", () => {
    expect(chunkText("Empty", "")).toEqual(["Empty"]);
  });
});

describe("reciprocalRankFusion", () => {
  it("puts an item ranked well in both lists above one ranked first in only one", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["b", "d", "a"],
    ]);
    expect(fused.map((f) => f.key)).toEqual(["b", "a", "d", "c"]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
  });

  it("keeps a single list's order and breaks ties by the first list", () => {
    expect(reciprocalRankFusion([["x", "y", "z"]]).map((f) => f.key)).toEqual(["x", "y", "z"]);
    expect(reciprocalRankFusion([["p"], ["q"]]).map((f) => f.key)).toEqual(["p", "q"]);
  });

  it("scales a list by its weight", () => {
    const fused = reciprocalRankFusion(
      [
        ["a", "b"],
        ["b", "a"],
      ],
      [1, 0.5],
    );
    expect(fused.map((f) => f.key)).toEqual(["a", "b"]);
  });
});

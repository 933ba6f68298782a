import { describe, expect, it } from "vitest";
import { z } from "zod";

import { AppError, parseInput } from "./errors";
import { singleLineProblem, singleLineText, textErrors, textProblem } from "./text";

function refusal(schema: z.ZodType, input: unknown): Record<string, string[]> {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).details as Record<string, string[]>;
  }
  throw new Error("accepted");
}

describe("the boundary's text rule", () => {
  it("accepts ordinary text in every script, emoji, tabs and line breaks", () => {
    for (const text of ["Acme Bakery", "Ünïcödé — 東京 🍞", "שלום עולם", "line one\nline two\r\n\tindented", ""]) {
      expect(textProblem(text), text).toBeNull();
    }
  });

  it("refuses NUL, lone surrogates and C0 control characters", () => {
    expect(textProblem("a\u0000b")).toMatch(/NUL/);
    expect(textProblem("fz\ud800x")).toMatch(/surrogate/);
    expect(textProblem("\udc00")).toMatch(/surrogate/);
    expect(textProblem("bell\u0007")).toMatch(/control/);
    expect(textProblem("esc\u001b[31m")).toMatch(/control/);
    // A well-formed pair is one character (an emoji), not a lone surrogate.
    expect(textProblem("\ud83d\ude00")).toBeNull();
  });

  it("names the field of every offending string, object keys included, at any depth", () => {
    expect(
      textErrors({
        name: "ok",
        events: [{ id: "e\u0000" }, { properties: { note: "x\ud800", ["k\u0000ey"]: "v" } }],
        when: new Date(),
      }),
    ).toEqual({
      "events.0.id": ["Must not contain NUL characters."],
      "events.1.properties.note": ["Must not contain unpaired UTF-16 surrogates (invalid Unicode)."],
      "events.1.properties.k?ey": ["Field name: Must not contain NUL characters."],
    });
  });

  it("is applied by parseInput to whatever the schema accepted, and only to that", () => {
    const schema = z.object({ name: z.string(), cursor: z.string().optional() });
    expect(refusal(schema, { name: "a\u0000b" })).toEqual({ name: ["Must not contain NUL characters."] });
    expect(refusal(z.object({ id: z.string() }), { id: "\u0000" })).toEqual({
      id: ["Must not contain NUL characters."],
    });
    // Unknown keys are stripped by the schema: nothing of them reaches a handler or the database.
    expect(parseInput(schema, { name: "fine", extra: "\u0000" })).toEqual({ name: "fine" });
  });
});

describe("one-line names", () => {
  it("refuses every control character and bidi overrides, keeps LRM/RLM", () => {
    for (const bad of ["a\nb", "tab\there", "del\u007f", "c1\u0085", "evil\u202etxt.exe", "iso\u2066late"]) {
      expect(singleLineProblem(bad), JSON.stringify(bad)).not.toBeNull();
    }
    expect(singleLineProblem("Acme \u200fشركة\u200e Co")).toBeNull();
  });

  it("trims, then refuses with a message for the field", () => {
    const schema = z.object({ name: singleLineText().min(2, "Use at least 2 characters.") });
    expect(parseInput(schema, { name: "  Acme  " })).toEqual({ name: "Acme" });
    expect(refusal(schema, { name: "Ac\u202eme" })).toEqual({
      name: ["Must not contain bidirectional override or isolate characters."],
    });
  });
});

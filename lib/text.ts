// The one rule for text at the boundary. Every string a schema accepts — in a path, a query, a
// JSON body or a form, object keys included — is checked after parsing (parseInput), so no field
// can forget it:
//   - no NUL (U+0000): PostgreSQL refuses it in text and JSON, failing the statement (and, on a
//     shared connection, whatever ran with it);
//   - no lone UTF-16 surrogate: not text, and PostgreSQL's JSON refuses its escape;
//   - no other C0 control character than tab, line feed and carriage return.
// Names and other one-line labels are stricter (`singleLineText`): no control character at all,
// and none of the bidirectional embedding, override and isolate controls that make a name read
// differently from what it is ("Trojan Source"). Marks such as LRM/RLM stay allowed.
import { z } from "zod";

/** Field name → messages: the shape of lib/errors.ts' FieldErrors (not imported: errors imports this module). */
type FieldErrors = Record<string, string[]>;

// Control characters other than \t (09), \n (0A) and \r (0D), NUL included.
const BAD_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// Every control character (C0, DEL, C1).
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Why `value` breaks the boundary rule, or null when it is acceptable text. */
export function textProblem(value: string): string | null {
  if (value.includes("\u0000")) return "Must not contain NUL characters.";
  if (!value.isWellFormed()) return "Must not contain unpaired UTF-16 surrogates (invalid Unicode).";
  if (BAD_CONTROL.test(value)) return "Must not contain control characters.";
  return null;
}

/** Why `value` is not acceptable as a one-line name or label, or null. */
export function singleLineProblem(value: string): string | null {
  if (ANY_CONTROL.test(value)) return "Must be one line without control characters.";
  if (BIDI_CONTROL.test(value)) return "Must not contain bidirectional override or isolate characters.";
  return null;
}

const MAX_DEPTH = 64;

/**
 * Every string in a parsed value (object keys included) that breaks the boundary rule, by field
 * path ("events.3.properties.note"). Dates, numbers and other non-strings are left alone.
 */
export function textErrors(value: unknown): FieldErrors {
  const out: FieldErrors = {};
  const visit = (node: unknown, path: (string | number)[]) => {
    const field = path.join(".") || "_";
    if (typeof node === "string") {
      const problem = textProblem(node);
      if (problem) (out[field] ??= []).push(problem);
      return;
    }
    if (!node || typeof node !== "object" || node instanceof Date) return;
    if (path.length >= MAX_DEPTH) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index]));
      return;
    }
    for (const [key, inner] of Object.entries(node)) {
      const keyProblem = textProblem(key);
      if (keyProblem) {
        // Name the field by its readable part; the key itself is what is wrong.
        (out[[...path, key.replace(/[^\x20-\x7E]/g, "?")].join(".")] ??= []).push(`Field name: ${keyProblem}`);
        continue;
      }
      visit(inner, [...path, key]);
    }
  };
  visit(value, []);
  return out;
}

/** A trimmed one-line string (names, labels, short descriptions): no control or bidi characters. */
export function singleLineText(params?: { error?: string }) {
  return z
    .string(params)
    .trim()
    .superRefine((value, ctx) => {
      const problem = singleLineProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

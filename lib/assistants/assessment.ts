// The structured part every answer ends with: how sure it is and why (which tool results it rests
// on, what was missing), and what to do next. Computed from the turn's tool results by the same
// rule whichever engine answered, so a model cannot talk its confidence up.
import { isActingTool } from "./domains";

export interface AssessmentGround {
  tool: string;
  ok: boolean;
  summary: string;
}

export interface AssessmentSuggestion {
  label: string;
  /** An acting tool: offered as an approval card when the model called it. */
  tool?: string;
  href?: string;
}

export interface Assessment {
  confidence: number;
  grounds: AssessmentGround[];
  missing: string[];
  suggestions: AssessmentSuggestion[];
}

export interface TurnToolResult {
  toolName: string;
  /** The tool's output, or undefined when it failed. */
  output: unknown;
  error?: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function assess(results: TurnToolResult[], { streamFailed = false } = {}): Assessment {
  const grounds: AssessmentGround[] = [];
  const missing: string[] = [];
  const suggestions: AssessmentSuggestion[] = [];
  for (const result of results) {
    if (isActingTool(result.toolName)) continue;
    const value = (result.output ?? {}) as {
      summary?: unknown;
      missing?: unknown;
      suggestions?: unknown;
      refused?: unknown;
    };
    const ok = result.error === undefined && result.output !== undefined && !value.refused;
    grounds.push({
      tool: result.toolName,
      ok,
      summary: typeof value.summary === "string" ? value.summary.slice(0, 300) : (result.error ?? "No result."),
    });
    if (Array.isArray(value.missing)) missing.push(...value.missing.filter((m): m is string => typeof m === "string"));
    if (result.error) missing.push(`${result.toolName} failed: ${result.error}`);
    if (Array.isArray(value.suggestions)) {
      for (const s of value.suggestions as { label?: unknown; tool?: unknown; href?: unknown }[]) {
        if (typeof s.label !== "string") continue;
        suggestions.push({
          label: s.label,
          ...(typeof s.tool === "string" ? { tool: s.tool } : {}),
          ...(typeof s.href === "string" ? { href: s.href } : {}),
        });
      }
    }
  }
  if (streamFailed) missing.push("The answer was cut short by a provider error.");
  let confidence: number;
  if (grounds.length === 0) {
    confidence = 0.3;
    missing.unshift("No workspace data was read for this answer.");
  } else {
    const okShare = grounds.filter((g) => g.ok).length / grounds.length;
    confidence = 0.45 + 0.5 * okShare - 0.07 * Math.min(missing.length, 4);
  }
  if (streamFailed) confidence -= 0.2;
  return {
    confidence: round2(Math.min(0.95, Math.max(0.05, confidence))),
    grounds,
    missing: [...new Set(missing)],
    suggestions: suggestions.slice(0, 6),
  };
}

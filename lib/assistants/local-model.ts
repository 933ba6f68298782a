// The offline engine: a LanguageModelV4 that needs no keys and is honest about being one. On a
// new question it picks the domain's tools from the question (routing.ts) and calls them; once
// their results are in the prompt it composes the answer from them, streams it, and proposes
// the first acting suggestion a tool made as a tool call (a person approves it before it runs).
// streamText drives it exactly like a provider's model: same tools, same loop, same UI stream.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";

import { isActingTool } from "./domains";
import { planToolCalls } from "./routing";

export const LOCAL_PROVIDER = "tessera-local";
export const LOCAL_MODEL_ID = "offline-engine-1";

export interface LocalModelOptions {
  /** Pause between streamed chunks (ms): 0 in tests and benchmarks. */
  chunkDelayMs?: number;
}

interface ToolOutcome {
  toolName: string;
  ok: boolean;
  denied: boolean;
  value: unknown;
}

/** A rough token count (≈ 4 characters a token), the same rule for input and output. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function promptText(prompt: LanguageModelV4Prompt): string {
  return prompt
    .map((message) =>
      typeof message.content === "string"
        ? message.content
        : message.content
            .map((part) => ("text" in part && typeof part.text === "string" ? part.text : JSON.stringify(part)))
            .join(" "),
    )
    .join("\n");
}

/** The question and what the tools answered since it was asked. */
export function readTurn(prompt: LanguageModelV4Prompt): {
  question: string;
  outcomes: ToolOutcome[];
  calledActing: boolean;
} {
  let lastUser = -1;
  prompt.forEach((message, index) => {
    if (message.role === "user") lastUser = index;
  });
  const user = prompt[lastUser];
  const question =
    user && user.role === "user"
      ? user.content
          .map((part) => (part.type === "text" ? part.text : ""))
          .join("\n")
          .trim()
      : "";
  const outcomes: ToolOutcome[] = [];
  let calledActing = false;
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role === "assistant") {
      for (const part of message.content)
        if (part.type === "tool-call" && isActingTool(part.toolName)) calledActing = true;
    }
    if (message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type !== "tool-result") continue;
      const output = part.output;
      outcomes.push({
        toolName: part.toolName,
        ok: output.type === "json" || output.type === "text",
        denied: output.type === "execution-denied",
        value:
          output.type === "json" ||
          output.type === "text" ||
          output.type === "error-json" ||
          output.type === "error-text"
            ? output.value
            : null,
      });
    }
  }
  return { question, outcomes, calledActing };
}

interface Grounded {
  summary?: unknown;
  missing?: unknown;
  suggestions?: unknown;
  refused?: unknown;
  already_ran?: unknown;
}

const LABELS: Record<string, string> = {
  finance_overview: "Billing ledger",
  finance_calculator: "Calculator",
  export_invoices_csv: "Invoice export",
  api_health: "API traffic",
  explain_error_code: "Error codes",
  search_knowledge: "Help articles",
  review_contract: "Contract review",
  team_roster: "Team",
  onboarding_plan: "Onboarding plan",
  invite_member: "Invitation",
  create_api_key: "API key",
  review_copy: "Copy review",
  qualify_lead: "Lead qualification",
  upgrade_candidates: "Plan limits",
};

function actingDone(outcome: ToolOutcome): string {
  const value = (outcome.value ?? {}) as Record<string, unknown>;
  if (outcome.denied) return `Not done: the ${LABELS[outcome.toolName] ?? outcome.toolName} was declined.`;
  if (!outcome.ok)
    return `The ${LABELS[outcome.toolName] ?? outcome.toolName} failed: ${String(value.message ?? value.error ?? "unknown error")}.`;
  if (value.already_ran) return "That action had already run; nothing was done twice.";
  if (value.refused) return `Not done: ${String(value.summary)}`;
  switch (outcome.toolName) {
    case "export_invoices_csv":
      return `Done: exported ${String(value.rows)} invoice${value.rows === 1 ? "" : "s"} to ${String(value.filename)} (download it from the card).`;
    case "create_api_key":
      return `Done: created the API key “${String(value.name)}” (${String(value.start)}…). Copy its secret from the card now; it is shown once.`;
    case "invite_member":
      return `Done: invited ${String(value.email)} as ${String(value.role).toLowerCase()}.`;
    default:
      return "Done.";
  }
}

/** The answer's markdown, composed from the tool results only. */
export function composeAnswer(question: string, outcomes: ToolOutcome[]): string {
  if (outcomes.length === 0) {
    return (
      "I am Tessera's offline engine: I answer only from this workspace's data through my tools, and none of them " +
      `applies to “${question.slice(0, 120)}”. Try asking about the figures this assistant can read.`
    );
  }
  const lines: string[] = [];
  const acting = outcomes.filter((o) => isActingTool(o.toolName));
  const reads = outcomes.filter((o) => !isActingTool(o.toolName));
  for (const outcome of acting) lines.push(actingDone(outcome));
  if (reads.length > 0) {
    if (lines.length === 0) lines.push("From this workspace's data:");
    for (const outcome of reads) {
      const value = (outcome.value ?? {}) as Grounded;
      const label = LABELS[outcome.toolName] ?? outcome.toolName;
      if (!outcome.ok) {
        lines.push(
          `- **${label}**: could not be read (${typeof outcome.value === "string" ? outcome.value : "tool error"}).`,
        );
        continue;
      }
      const summary = typeof value.summary === "string" ? value.summary : JSON.stringify(outcome.value).slice(0, 400);
      const body = summary.includes("\n")
        ? `\n${summary
            .split("\n")
            .map((l) => `  ${l}`)
            .join("\n")}`
        : ` ${summary}`;
      lines.push(`- **${label}**:${body}`);
    }
    const missing = reads.flatMap((o) => {
      const m = (o.value as Grounded | null)?.missing;
      return Array.isArray(m) ? m.filter((x): x is string => typeof x === "string") : [];
    });
    if (missing.length > 0) lines.push("", `Not covered: ${missing.join(" ")}`);
  }
  return lines.join("\n");
}

/** The first acting suggestion a read tool made that this model may call. */
export function firstActingSuggestion(
  outcomes: ToolOutcome[],
  available: Set<string>,
): { toolName: string; input: unknown } | null {
  for (const outcome of outcomes) {
    if (!outcome.ok || isActingTool(outcome.toolName)) continue;
    const suggestions = (outcome.value as Grounded | null)?.suggestions;
    if (!Array.isArray(suggestions)) continue;
    for (const s of suggestions as { tool?: unknown; input?: unknown }[]) {
      if (typeof s.tool === "string" && available.has(s.tool)) return { toolName: s.tool, input: s.input ?? {} };
    }
  }
  return null;
}

function usage(input: number, output: number): LanguageModelV4Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

/** Splits text into word-sized chunks that keep their spaces and line breaks. */
export function chunkText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export class LocalLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = "v4" as const;
  readonly provider = LOCAL_PROVIDER;
  readonly modelId = LOCAL_MODEL_ID;
  readonly supportedUrls = {};
  private readonly chunkDelayMs: number;
  private calls = 0;

  constructor(options: LocalModelOptions = {}) {
    this.chunkDelayMs = options.chunkDelayMs ?? 0;
  }

  private plan(options: LanguageModelV4CallOptions) {
    const available = new Set((options.tools ?? []).filter((t) => t.type === "function").map((t) => t.name));
    const { question, outcomes, calledActing } = readTurn(options.prompt);
    const inputTokens = estimateTokens(promptText(options.prompt));
    const id = `local-${++this.calls}`;
    if (outcomes.length === 0) {
      const calls = planToolCalls(
        question,
        [...available].filter((name) => !isActingTool(name)),
      );
      if (calls.length > 0) {
        return {
          id,
          inputTokens,
          text: "",
          toolCalls: calls.map((call, index) => ({
            toolCallId: `${id}-${index}`,
            toolName: call.tool,
            input: JSON.stringify(call.input),
          })),
        };
      }
    }
    const text = composeAnswer(question, outcomes);
    const suggestion = calledActing ? null : firstActingSuggestion(outcomes, available);
    return {
      id,
      inputTokens,
      text,
      toolCalls: suggestion
        ? [{ toolCallId: `${id}-act`, toolName: suggestion.toolName, input: JSON.stringify(suggestion.input) }]
        : [],
    };
  }

  async doGenerate(options: LanguageModelV4CallOptions) {
    const plan = this.plan(options);
    const content = [
      ...(plan.text ? [{ type: "text" as const, text: plan.text }] : []),
      ...plan.toolCalls.map((call) => ({ type: "tool-call" as const, ...call })),
    ];
    return {
      content,
      finishReason: { unified: plan.toolCalls.length ? ("tool-calls" as const) : ("stop" as const), raw: undefined },
      usage: usage(
        plan.inputTokens,
        estimateTokens(plan.text) + plan.toolCalls.reduce((n, c) => n + estimateTokens(c.input), 0),
      ),
      warnings: [],
      response: { id: plan.id, modelId: this.modelId, timestamp: new Date() },
    };
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const plan = this.plan(options);
    const delay = this.chunkDelayMs;
    const signal = options.abortSignal;
    const outputTokens = estimateTokens(plan.text) + plan.toolCalls.reduce((n, c) => n + estimateTokens(c.input), 0);
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      async start(controller) {
        controller.enqueue({ type: "stream-start", warnings: [] });
        controller.enqueue({ type: "response-metadata", id: plan.id, modelId: LOCAL_MODEL_ID, timestamp: new Date() });
        if (plan.text) {
          const textId = `${plan.id}-text`;
          controller.enqueue({ type: "text-start", id: textId });
          for (const chunk of chunkText(plan.text)) {
            if (signal?.aborted) break;
            if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
            controller.enqueue({ type: "text-delta", id: textId, delta: chunk });
          }
          controller.enqueue({ type: "text-end", id: textId });
        }
        for (const call of plan.toolCalls) controller.enqueue({ type: "tool-call", ...call });
        controller.enqueue({
          type: "finish",
          usage: usage(plan.inputTokens, outputTokens),
          finishReason: { unified: plan.toolCalls.length ? "tool-calls" : "stop", raw: undefined },
        });
        controller.close();
      },
    });
    return { stream };
  }
}

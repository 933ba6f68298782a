// The offline engine's tool routing per domain, driven through streamText like any provider's
// model, and the structured outputs of the pure tools driven by MockLanguageModelV4.
import { stepCountIs, streamText, tool, type ToolSet } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import {
  calculate,
  calculatorInput,
  calculatorOutput,
  contractReviewOutput,
  copyReviewOutput,
  leadQualificationOutput,
  qualifyLead,
  reviewContract,
  reviewCopy,
} from "./analyzers";
import { assess } from "./assessment";
import { DOMAIN_TEMPLATES, DOMAINS, isActingTool, type Domain } from "./domains";
import { LocalLanguageModel } from "./local-model";
import { planToolCalls } from "./routing";

const QUESTIONS: Record<Domain, { question: string; expected: string[] }> = {
  finance: {
    question: "What is our ROI if we invest 10,000 and get 15,000 back over 12 months?",
    expected: ["finance_calculator"],
  },
  technical: {
    question: "Which API routes get the most calls, and what does 429 mean?",
    expected: ["api_health", "explain_error_code"],
  },
  support: { question: "How do I reset my password?", expected: ["search_knowledge"] },
  legal: {
    question: "Review this contract: 1. The Supplier shall indemnify the Client.",
    expected: ["review_contract"],
  },
  hr: { question: "Write an onboarding plan for a new admin", expected: ["onboarding_plan"] },
  marketing: {
    question: "Score this landing copy: Start your free trial today, you save 3 hours a week.",
    expected: ["review_copy"],
  },
  sales: {
    question: "Qualify this lead with MEDDIC: the CFO wants to reduce churn by 20% and needs SSO.",
    expected: ["qualify_lead"],
  },
};

/** The domain's tools with stub executes that return grounds like the real ones. */
function stubTools(domain: Domain, calls: string[]): ToolSet {
  const out: ToolSet = {};
  for (const name of DOMAIN_TEMPLATES[domain].tools) {
    out[name] = tool({
      description: name,
      inputSchema: z.object({}).passthrough(),
      needsApproval: isActingTool(name),
      execute: async () => {
        calls.push(name);
        return {
          summary: `${name} says 42.`,
          missing: [],
          suggestions:
            domain === "finance" ? [{ label: "Export", tool: "export_invoices_csv", input: { months: 12 } }] : [],
        };
      },
    });
  }
  return out;
}

describe("routing", () => {
  it.each(DOMAINS)("picks the %s domain's tools from the question", (domain) => {
    const { question, expected } = QUESTIONS[domain];
    const planned = planToolCalls(question, DOMAIN_TEMPLATES[domain].tools).map((c) => c.tool);
    for (const name of expected) expect(planned).toContain(name);
    expect(planned.some(isActingTool)).toBe(false);
  });

  it("builds the calculator's input from the question's numbers", () => {
    const [call] = planToolCalls("Break-even with fixed costs 12k, price 50 and variable cost 20?", [
      "finance_calculator",
    ]);
    expect(call?.input).toEqual({
      kind: "break_even",
      fixed_costs: 12_000,
      price_per_unit: 50,
      variable_cost_per_unit: 20,
    });
    expect(calculatorInput.parse(call?.input)).toBeTruthy();
  });

  it("falls back to a tool that needs nothing from the question", () => {
    expect(planToolCalls("hello", ["finance_overview", "finance_calculator"]).map((c) => c.tool)).toEqual([
      "finance_overview",
    ]);
  });
});

describe("the offline engine through streamText", () => {
  it.each(DOMAINS)("answers a %s question from its tool results", async (domain) => {
    const calls: string[] = [];
    const result = streamText({
      model: new LocalLanguageModel(),
      system: DOMAIN_TEMPLATES[domain].systemPrompt,
      prompt: QUESTIONS[domain].question,
      tools: stubTools(domain, calls),
      stopWhen: stepCountIs(4),
    });
    const text = await result.text;
    for (const name of QUESTIONS[domain].expected) expect(calls).toContain(name);
    expect(text).toContain("says 42.");
    const usage = await result.totalUsage;
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  it("streams the answer in chunks and proposes the acting suggestion for approval", async () => {
    const calls: string[] = [];
    const result = streamText({
      model: new LocalLanguageModel(),
      prompt: "How much did we spend?",
      tools: stubTools("finance", calls),
      stopWhen: stepCountIs(4),
    });
    const kinds: string[] = [];
    for await (const part of result.fullStream) kinds.push(part.type);
    expect(kinds.filter((k) => k === "text-delta").length).toBeGreaterThan(2);
    expect(kinds).toContain("tool-approval-request");
    expect(calls).not.toContain("export_invoices_csv");
  });
});

describe("structured outputs with MockLanguageModelV4", () => {
  function mockCalling(toolName: string, input: unknown) {
    let step = 0;
    return new MockLanguageModelV4({
      doGenerate: async () => {
        step += 1;
        return step === 1
          ? {
              content: [{ type: "tool-call", toolCallId: "c1", toolName, input: JSON.stringify(input) }],
              finishReason: { unified: "tool-calls", raw: undefined },
              usage: {
                inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
                outputTokens: { total: 5, text: 5, reasoning: 0 },
              },
              warnings: [],
            }
          : {
              content: [{ type: "text", text: "Done." }],
              finishReason: { unified: "stop", raw: undefined },
              usage: {
                inputTokens: { total: 20, noCache: 20, cacheRead: 0, cacheWrite: 0 },
                outputTokens: { total: 2, text: 2, reasoning: 0 },
              },
              warnings: [],
            };
      },
    });
  }

  const pure: ToolSet = {
    review_contract: tool({
      inputSchema: z.object({ text: z.string() }),
      execute: async ({ text }) => reviewContract(text),
    }),
    qualify_lead: tool({
      inputSchema: z.object({ notes: z.string(), framework: z.enum(["BANT", "MEDDIC"]) }),
      execute: async ({ notes, framework }) => qualifyLead(notes, framework),
    }),
    review_copy: tool({
      inputSchema: z.object({ text: z.string(), kind: z.enum(["campaign", "landing", "seo"]) }),
      execute: async ({ text, kind }) => reviewCopy(text, kind),
    }),
    finance_calculator: tool({ inputSchema: calculatorInput, execute: async (input) => calculate(input) }),
  };

  it.each([
    [
      "review_contract",
      {
        text: "1. Liability\nThe Supplier accepts unlimited liability.\n\n2. Term\nThis agreement renews automatically unless terminated with 30 days' written notice.",
      },
      contractReviewOutput,
    ],
    [
      "qualify_lead",
      { notes: "The VP of Ops has a budget of $40k and needs this by Q3.", framework: "BANT" },
      leadQualificationOutput,
    ],
    [
      "review_copy",
      { text: "Ship faster\nStart your free trial: you save 3 hours a week.", kind: "landing" },
      copyReviewOutput,
    ],
    ["finance_calculator", { kind: "roi", investment: 1000, gain: 1500 }, calculatorOutput],
  ] as const)("%s returns its typed object", async (name, input, schema) => {
    const { generateText } = await import("ai");
    const result = await generateText({
      model: mockCalling(name, input),
      prompt: "go",
      tools: pure,
      stopWhen: stepCountIs(3),
    });
    const output = result.steps[0]?.toolResults[0]?.output;
    expect(schema.parse(output)).toBeTruthy();
    const assessment = assess([{ toolName: name, output }]);
    expect(assessment.grounds).toEqual([expect.objectContaining({ tool: name, ok: true })]);
  });

  it("computes, not guesses: ROI, break-even and budget burn", () => {
    expect(calculate({ kind: "roi", investment: 1000, gain: 1500 }).figures).toContainEqual({
      label: "ROI",
      value: 50,
      unit: "percent",
    });
    expect(
      calculate({ kind: "break_even", fixed_costs: 12_000, price_per_unit: 50, variable_cost_per_unit: 20 }).figures,
    ).toContainEqual({
      label: "Break-even volume",
      value: 400,
      unit: "units",
    });
    expect(
      calculate({ kind: "budget", budget: 3000, spent: 1500, days_elapsed: 10, days_total: 30 }).figures,
    ).toContainEqual({
      label: "Projected variance",
      value: 1500,
      unit: "money",
    });
  });

  it("flags risky clauses and dates in a contract", () => {
    const review = reviewContract(
      "1. Liability\nThe Supplier accepts unlimited liability.\n\n2. Term\nThis agreement renews automatically on January 1, 2027 unless terminated with 30 days' written notice.",
    );
    expect(review.overall_risk).toBe("high");
    expect(review.renewal).toMatchObject({ automatic: true, date: "January 1, 2027" });
    expect(review.clauses.find((c) => c.risk === "high")?.suggested_edit).toMatch(/Cap liability/);
  });

  it("lowers confidence for missing data and failed tools", () => {
    const sure = assess([{ toolName: "api_health", output: { summary: "ok", missing: [] } }]);
    const unsure = assess([
      { toolName: "api_health", output: { summary: "ok", missing: ["no latency"] } },
      { toolName: "explain_error_code", output: undefined, error: "boom" },
    ]);
    expect(sure.confidence).toBeGreaterThan(unsure.confidence);
    expect(assess([]).confidence).toBeLessThan(unsure.confidence);
  });
});
